using Mamori.Accounts;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Password sign-in, with lockout after repeated failures and one message for every failure; and the
/// button of the installation's identity provider when one is set (<see cref="OidcSignIn"/>).
/// </summary>
public sealed class SignInModel(SignInManager<MamoriUser> signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The identity providers people may sign in with instead of a password (none, or the installation's one).</summary>
    public IReadOnlyList<AuthenticationScheme> Providers { get; private set; } = [];

    public async Task OnGetAsync() => Providers = [.. await signIn.GetExternalAuthenticationSchemesAsync()];

    public async Task<IActionResult> OnPostAsync()
    {
        var result = string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await PasswordSignInAsync(Email.Trim(), Password);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalUrl.OrRoot(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInTwoFactor", new { ReturnUrl, RememberMe });
        }

        // Unknown address, wrong password and locked account read the same (the message mentions the
        // lock), so whether an address has an account cannot be learned here.
        ModelState.AddModelError("", AccountText.SignInFailed);
        await OnGetAsync();
        return Page();
    }

    private async Task<Microsoft.AspNetCore.Identity.SignInResult> PasswordSignInAsync(string email, string password)
    {
        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            // Hash anyway, so an unknown address costs the same time as a wrong password.
            signIn.UserManager.PasswordHasher.HashPassword(new MamoriUser(), password);
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }

        return await signIn.PasswordSignInAsync(user, password, RememberMe, lockoutOnFailure: true);
    }
}
