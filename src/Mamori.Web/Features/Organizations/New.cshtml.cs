using System.Globalization;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Organizations;

/// <summary>A site administrator adds an organization and becomes its 管理者.</summary>
public sealed class NewModel(MamoriDatabase database, UserManager<MamoriUser> users, RequestActor actor, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    public async Task<IActionResult> OnGetAsync() => await IsSiteAdministratorAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user?.IsSiteAdministrator != true)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), AccountText.Required);
        }

        var slug = (Slug ?? "").Trim().ToLowerInvariant();
        if (!Organization.IsValidSlug(slug))
        {
            ModelState.AddModelError(nameof(Slug), string.Format(CultureInfo.CurrentCulture, Mamori.Resources.Messages.OrganizationSlugInvalid, slug));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await CreateOrganization.HandleAsync(database, new(slug, Name!, AdministratorId: user.Id), time, actor.Actor, cancellationToken);
        if (result.Created is not { } organization)
        {
            ModelState.AddModelError(nameof(Slug), result.Problem!);
            return Page();
        }

        TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, OrganizationText.Created, organization.Name);
        return Redirect($"/o/{organization.Slug}/profile");
    }

    private async Task<bool> IsSiteAdministratorAsync() => (await users.GetUserAsync(User))?.IsSiteAdministrator == true;
}
