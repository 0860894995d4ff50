using Mamori.Domain.Risk;
using Mamori.Features.Risks;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Risks;

public sealed class DeleteModel : OrganizationPage
{
    public RiskScenario? Scenario { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await DeleteRiskScenario.HandleAsync(Db, Membership, id, cancellationToken);
        if (outcome != DeleteRiskScenario.Outcome.Deleted)
        {
            return outcome == DeleteRiskScenario.Outcome.NotFound ? NotFound() : Forbid();
        }

        Flash(RiskText.DeletedMessage);
        return Redirect($"{Base}/risks");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanManageRisks) is { } denied)
        {
            return denied;
        }

        Scenario = await Db.RiskScenarios.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return Scenario is null ? NotFound() : null;
    }
}
