using Mamori.Domain.Risk;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Risks;

/// <summary>Every risk scenario with its values, treatment and the seed's relation check.</summary>
public sealed class IndexModel : OrganizationPage
{
    public sealed record Row(RiskScenario Scenario, RelationOutcome Outcome);

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

        if (Filter == "attention")
        {
            // The relation check reads the JSON columns (threat, vulnerabilities, controls): every scenario is loaded.
            var scenarios = await Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).ToListAsync(cancellationToken);
            var rows = scenarios
                .Select(s => new Row(s, RelationCheck.Evaluate(s)))
                .Where(r => RelationCheck.NeedsAttention(r.Outcome))
                .OrderByDescending(r => r.Scenario.InherentRisk(r.Scenario.Asset!.Importance)?.Value ?? 0)
                .ThenBy(r => r.Scenario.Asset!.Name)
                .ThenBy(r => r.Scenario.Id)
                .ToList();
            Total = rows.Count;
            PageNumber = Math.Clamp(PageNumber, 1, PageCount);
            Rows = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
            return Page();
        }

        // The order needs only the two ratings and the asset's importance and name: those are read
        // for every scenario, and whole scenarios (JSON columns, asset) only for the page shown.
        // Sorted here, not in SQL, so names compare exactly as before on both providers.
        var keys = await Db.RiskScenarios.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                s.ThreatLikelihood,
                s.VulnerabilityExposure,
                s.Asset!.Confidentiality,
                s.Asset.Integrity,
                s.Asset.Availability,
                s.Asset.PersonalInformation,
                AssetName = s.Asset!.Name,
            })
            .ToListAsync(cancellationToken);
        Total = keys.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = keys
            .OrderByDescending(k => k.ThreatLikelihood is { } threat && k.VulnerabilityExposure is { } vulnerability
                ? RiskValue.Of(Importance.Of(k.Confidentiality, k.Integrity, k.Availability, k.PersonalInformation != Domain.Assets.PersonalInformationKinds.None), Likelihood.From(threat, vulnerability)).Value
                : 0)
            .ThenBy(k => k.AssetName)
            .ThenBy(k => k.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(k => k.Id)
            .ToList();
        var shown = await Db.RiskScenarios.AsNoTracking().Include(s => s.Asset)
            .Where(s => page.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        Rows = page.Where(shown.ContainsKey).Select(id => new Row(shown[id], RelationCheck.Evaluate(shown[id]))).ToList();
        return Page();
    }

    /// <summary>This list's URL for another page, keeping the filter.</summary>
    public string PageUrl(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            $"{Base}/risks",
            new Dictionary<string, string?> { ["filter"] = Filter, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
