using System.Security.Claims;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Accounts;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Sign-in through the installation's identity provider (<see cref="OidcSignIn"/>): the button posts
/// here and goes to the provider; the provider's answer, checked by the OpenID Connect handler, comes
/// back to the callback, which finds the account (<see cref="SignInWithProvider"/>) and signs in
/// with the application cookie, carrying the security stamp that <see cref="SessionStamp"/> checks.
/// </summary>
/// <remarks>
/// Mamori's own two-factor code is not asked: the provider signed the person in and owns the second
/// factor there. A refused person reads one of three answers (not verified, not allowed, failed),
/// none of which tells whether an address has an account.
/// </remarks>
[AllowAnonymous]
public sealed class ExternalSignInModel(
    SignInManager<MamoriUser> signIn, MamoriDatabase database, TimeProvider time, IAuthenticationSchemeProvider schemes) : PageModel
{
    /// <summary>Where a refused answer of the provider (wrong issuer or audience, expired token, cancelled) leads.</summary>
    public const string FailedPath = "/account/external";

    private const string InvitationPrefix = "/invitations/";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the sign-in did not happen.</summary>
    public string Message { get; private set; } = AccountText.ExternalSignInFailed;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(OidcSignIn.Scheme) is null)
        {
            return Redirect("/account/signin");
        }

        var callback = $"/account/external?handler=callback&returnUrl={Uri.EscapeDataString(LocalUrl.OrRoot(ReturnUrl))}";
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(OidcSignIn.Scheme, callback), OidcSignIn.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(CancellationToken cancellationToken)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Page();
        }

        var person = new SignInWithProvider.ExternalPerson(
            info.LoginProvider,
            info.ProviderDisplayName ?? info.LoginProvider,
            info.ProviderKey,
            info.Principal.FindFirstValue("email"),
            IsVerified(info.Principal),
            info.Principal.FindFirstValue("name"));
        var returnUrl = LocalUrl.OrRoot(ReturnUrl);
        var result = await SignInWithProvider.HandleAsync(database, signIn.UserManager, time, person, InvitationToken(returnUrl), cancellationToken);
        if (result.Outcome is SignInWithProvider.Outcome.Account or SignInWithProvider.Outcome.Joined)
        {
            // Checks the lock once more and signs in with the application cookie; the provider owns the second factor.
            var signedIn = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
            if (signedIn.Succeeded && result.Joined is { } offer)
            {
                TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, InvitationText.Joined, offer.OrganizationName);
                return Redirect($"/o/{offer.OrganizationSlug}");
            }

            if (signedIn.Succeeded)
            {
                return LocalRedirect(returnUrl);
            }
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        Message = result.Outcome == SignInWithProvider.Outcome.UnverifiedEmail ? AccountText.ExternalEmailUnverified : AccountText.ExternalNotAllowed;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>
    /// The provider vouches for the address: <c>email_verified</c> is true, or, when the provider sends
    /// no <c>email_verified</c> (Microsoft Entra ID never does), its <c>xms_edov</c> claim is true
    /// (the address's domain is verified by the tenant that holds it).
    /// </summary>
    private static bool IsVerified(ClaimsPrincipal principal) =>
        principal.FindFirstValue("email_verified") is { } verified
            ? IsTrue(verified)
            : principal.FindFirstValue("xms_edov") is { } domainVerified && IsTrue(domainVerified);

    private static bool IsTrue(string value) => bool.TryParse(value, out var flag) && flag;

    /// <summary>The token of the invitation link the person came from (its page sends them to sign in and back).</summary>
    private static string? InvitationToken(string returnUrl) =>
        returnUrl.StartsWith(InvitationPrefix, StringComparison.Ordinal) && returnUrl[InvitationPrefix.Length..] is { Length: > 0 } token && !token.Contains('/', StringComparison.Ordinal) && !token.Contains('?', StringComparison.Ordinal)
            ? token
            : null;
}
