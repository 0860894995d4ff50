using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features;
using Mamori.Features.Accounts;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Setup;

/// <summary>First start: the administrator account and the first organization, in one form.</summary>
public sealed class IndexModel(MamoriDatabase database, SetupState setup, SignInManager<MamoriUser> signIn, UserManager<MamoriUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public CreateFirstAdministrator.Request Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await setup.IsSetUpAsync(cancellationToken) ? Redirect("/account/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await setup.IsSetUpAsync(cancellationToken))
        {
            return Redirect("/account/signin");
        }

        Require(Input.DisplayName, "Input.DisplayName");
        Require(Input.Email, "Input.Email");
        Require(Input.Password, "Input.Password");
        Require(Input.OrganizationName, "Input.OrganizationName");
        Require(Input.Slug, "Input.Slug");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await CreateFirstAdministrator.HandleAsync(database, users, Input, time, cancellationToken);
        if (result.Status == SaveStatus.Conflict)
        {
            return Redirect("/account/signin");
        }

        foreach (var (field, messages) in result.Errors)
        {
            messages.ForEach(message => ModelState.AddModelError($"Input.{field}", message));
        }

        if (result.User is null)
        {
            return Page();
        }

        await signIn.SignInAsync(result.User, isPersistent: false);
        return Redirect($"/o/{result.Organization!.Slug}");
    }

    private void Require(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(key, AccountText.Required);
        }
    }
}
