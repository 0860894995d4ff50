using Mamori.Domain.Risk;
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
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Db.RiskScenarios.Remove(Scenario!);
        await Db.SaveChangesAsync(cancellationToken);
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
