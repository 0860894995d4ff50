using Mamori.Data;
using Mamori.Domain.Risk;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Risks;

/// <summary>Every risk scenario with its values, treatment and the seed's relation check.</summary>
public sealed class IndexModel : OrganizationPage
{
    /// <summary>What a row shows, read without the scenario's other JSON columns or the asset's other fields.</summary>
    public sealed record Row(
        Guid Id, string AssetName, string RiskStatement, string? Threat, Rating? Likelihood, RiskValue? InherentRisk,
        RiskTreatment? Treatment, RiskValue? ResidualRisk, RelationOutcome Outcome);

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    public const int PageSize = 50;

    // "page" is taken by Razor Pages' own route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The rows of the current page.</summary>
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var scenarios = Db.RiskScenarios.AsNoTracking();
        if (Filter == "attention")
        {
            scenarios = scenarios.Where(s => MamoriDb.RelationsNeedingAttention.Contains(EF.Property<int?>(s, MamoriDb.StoredRelation)));
        }

        // Highest inherent risk (重要度 × 被害発生可能性, both stored columns) first, unassessed last.
        var order = await Snapshots.GetAsync(
            Db,
            Filter == "attention" ? "risks:attention" : "risks",
            ct => scenarios
                .OrderByDescending(s => EF.Property<int>(s.Asset!, MamoriDb.StoredImportance) * (EF.Property<int?>(s, MamoriDb.StoredLikelihood) ?? 0))
                .ThenBy(s => s.Asset!.Name)
                .ThenBy(s => s.Id)
                .Select(s => s.Id)
                .ToListAsync(ct),
            ids => ids.Count,
            cancellationToken);
        Total = order.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = order.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var shown = await Db.RiskScenarios.AsNoTracking()
            // One array parameter, not fifty: the SQL stays the same from page to page, so EF Core reuses it.
            .Where(s => EF.Parameter(page).Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                AssetName = s.Asset!.Name,
                s.RiskStatement,
                s.Threat,
                s.ThreatLikelihood,
                s.VulnerabilityExposure,
                s.Treatment,
                s.ResidualLikelihood,
                Importance = EF.Property<int>(s.Asset!, MamoriDb.StoredImportance),
                // Set on every save and filled at start for older rows (MamoriDatabase.MigrateAsync).
                Relation = EF.Property<int?>(s, MamoriDb.StoredRelation) ?? (int)RelationOutcome.Incomplete,
            })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        Rows = page.Where(shown.ContainsKey).Select(id =>
        {
            var s = shown[id];
            var importance = Rating.From(s.Importance);
            var likelihood = s.ThreatLikelihood is { } threat && s.VulnerabilityExposure is { } vulnerability ? Likelihood.From(threat, vulnerability) : (Rating?)null;
            return new Row(
                s.Id, s.AssetName, s.RiskStatement, s.Threat?.Description, likelihood,
                likelihood is { } l ? RiskValue.Of(importance, l) : null,
                s.Treatment,
                s.ResidualLikelihood is { } residual ? RiskValue.Of(importance, residual) : null,
                (RelationOutcome)s.Relation);
        }).ToList();
        return Page();
    }

    /// <summary>This list's URL for another page, keeping the filter.</summary>
    public string PageUrl(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            $"{Base}/risks",
            new Dictionary<string, string?> { ["filter"] = Filter, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
