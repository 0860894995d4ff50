using System.Globalization;
using Mamori.Domain.Policies;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Baseline;

/// <summary>Lv.2 steps 3 and 4: the chapters the profile calls for, who holds each role, a link to the rule values, a preview, and adoption.</summary>
public sealed class TailorModel : OrganizationPage
{
    public IReadOnlyList<TailorRules.TailoredChapter> Tailored { get; private set; } = [];

    public IReadOnlyList<string> Unfilled { get; private set; } = [];

    /// <summary>The roles table, so the people bound to each role are set in the same form;
    /// the default roles (not yet stored) when the organization has none.</summary>
    public IReadOnlyList<PolicyRole> Roles { get; private set; } = [];

    public bool RolesStored { get; private set; }

    /// <summary>The form field of a role: its id once stored, else its template key.</summary>
    public string HolderField(PolicyRole role) => RolesStored ? role.Id.ToString() : role.Key;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostHoldersAsync(Dictionary<string, string?> holders, CancellationToken cancellationToken)
    {
        var status = await SaveTailoring.HandleAsync(Db, Membership, new(holders), CultureInfo.CurrentUICulture, cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        Flash(BaselineText.HoldersSaved);
        return Redirect($"{Base}/baseline/tailor");
    }

    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken cancellationToken)
    {
        var result = await AdoptRules.HandleAsync(Db, Membership, Organization, User.Identity?.Name ?? "", Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        if (result is null)
        {
            return Forbid();
        }

        if (result.Unfilled.Count > 0)
        {
            await LoadAsync(cancellationToken);
            Unfilled = result.Unfilled;
            return Page();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, BaselineText.Adopted, result.Chapters.Count));
        return Redirect($"{Base}/policy");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var roles = await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        RolesStored = roles.Count > 0;
        Roles = RolesStored ? roles : SaveRoles.Defaults(Organization.Id, CultureInfo.CurrentUICulture);
        var (measures, _) = await AdoptRules.QuickMeasuresAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        Tailored = TailorRules.Tailor(Organization, roles, CultureInfo.CurrentUICulture, measures.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value.Select(x => x.Text).ToList()));
        Unfilled = Tailored.SelectMany(t => t.Unfilled).Distinct().ToList();
    }
}
