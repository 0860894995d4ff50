using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Features.Baseline;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Baseline;

/// <summary>Lv.2 steps 3 and 4: the chapters the profile calls for, every variable in one form, a preview, and adoption.</summary>
public sealed class TailorModel : OrganizationPage
{
    public IReadOnlyList<TailorRules.TailoredChapter> Tailored { get; private set; } = [];

    public IReadOnlyList<string> Unfilled { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostVariablesAsync(Dictionary<string, string?> values, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var known = BaselineCatalog.For(Labels.Japanese).Variables.Select(v => v.Key).ToHashSet();
        await using var db = HttpContext.RequestServices.GetRequiredService<MamoriDatabase>().Open(null, HttpContext.RequestServices.GetRequiredService<RequestActor>().Actor);
        var organization = await db.Organizations.SingleAsync(o => o.Id == Organization.Id, cancellationToken);
        foreach (var (key, value) in values.Where(v => known.Contains(v.Key)))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                organization.BaselineVariables.Remove(key);
            }
            else
            {
                organization.BaselineVariables[key] = value.Trim()[..Math.Min(value.Trim().Length, 200)];
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        Flash(BaselineText.VariablesSaved);
        return Redirect($"{Base}/baseline/tailor");
    }

    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken cancellationToken)
    {
        var result = await AdoptRules.HandleAsync(Db, Membership, Organization, User.Identity?.Name ?? "", Time.GetUtcNow(), Labels.Japanese, cancellationToken);
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
        var (measures, _) = await AdoptRules.QuickMeasuresAsync(Db, Organization, Labels.Japanese, cancellationToken);
        Tailored = TailorRules.Tailor(Organization, roles, Today, Labels.Japanese, measures.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value.Select(x => x.Text).ToList()));
        Unfilled = Tailored.SelectMany(t => t.Unfilled).Distinct().ToList();
    }
}
