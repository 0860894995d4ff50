using Mamori.Accounts;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Account;

/// <summary>The second step of sign-in for users with an authenticator app.</summary>
public sealed class SignInTwoFactorModel(SignInManager<MamoriUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalUrl.OrRoot(ReturnUrl));
        }

        ModelState.AddModelError("", result.IsLockedOut ? AccountText.LockedOut : AccountText.TwoFactorCodeInvalid);
        return Page();
    }
}
