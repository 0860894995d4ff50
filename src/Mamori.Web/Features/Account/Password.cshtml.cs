using Mamori.Accounts;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Account;

public sealed class PasswordModel(UserManager<MamoriUser> users, SignInManager<MamoriUser> signIn) : PageModel
{
    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? New { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (New != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), AccountText.PasswordsDoNotMatch);
            return Page();
        }

        var user = await users.GetUserAsync(User);
        var result = await users.ChangePasswordAsync(user!, Current ?? "", New ?? "");
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("", error.Description);
        }

        if (!result.Succeeded)
        {
            return Page();
        }

        await signIn.RefreshSignInAsync(user!);
        Changed = true;
        return Page();
    }
}
