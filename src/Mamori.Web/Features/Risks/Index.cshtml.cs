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

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var scenarios = await Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).ToListAsync(cancellationToken);
        Rows = scenarios
            .Select(s => new Row(s, RelationCheck.Evaluate(s)))
            .Where(r => Filter != "attention" || RelationCheck.NeedsAttention(r.Outcome))
            .OrderByDescending(r => r.Scenario.InherentRisk(r.Scenario.Asset!.Importance)?.Value ?? 0)
            .ThenBy(r => r.Scenario.Asset!.Name)
            .ToList();
        return Page();
    }
}
