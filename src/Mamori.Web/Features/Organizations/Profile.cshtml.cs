using Mamori.Features;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Organizations;

/// <summary>The organization profile (業種, 従業員数, cloud, telework, personal data…) and its risk bands.</summary>
public sealed class ProfileModel : OrganizationPage
{
    [BindProperty]
    public SaveProfile.Request Input { get; set; } = new();

    public IActionResult OnGet()
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        Input = SaveProfile.Request.From(Organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        // A value that could not be read (a checkbox that is not true/false) is shown with its message; nothing is saved.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await SaveProfile.HandleAsync(Db, Membership, Input, cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(CommonText.Saved);
            return Redirect($"{Base}/profile");
        }

        ShowProblems(result.Status, result.Errors, nameof(Input));
        if (result.Status == SaveStatus.Conflict && result.Organization is { } latest)
        {
            Input = SaveProfile.Request.From(latest);
        }

        return Page();
    }
}
