using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Sign-out is a POST (with antiforgery), so a link elsewhere cannot sign anyone out. It changes the
/// user's security stamp, which ends every session of the user, copies of this cookie included
/// (<see cref="SessionStamp"/>); access tokens for the API are revoked on their own page.
/// </summary>
public sealed class SignOutModel(SignInManager<MamoriUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/account/signin");
    }
}
