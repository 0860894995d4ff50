using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>The roles table (役職名 / 役割と責任 / 担当者) the documents print and fill in.</summary>
public sealed class RolesModel : OrganizationPage
{
    [BindProperty]
    public List<SaveRoles.Row> Rows { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Rows = (await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken)).Select(SaveRoles.Row.From).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await SaveRoles.HandleAsync(Db, Membership, Rows, cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(PolicyText.RolesSaved);
            return Redirect($"{Base}/policy/roles");
        }

        foreach (var (field, messages) in result.Errors)
        {
            messages.ForEach(m => ModelState.AddModelError(field, m));
        }

        return Page();
    }
}
