using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Treatments;

/// <summary>Deletes one treatment task, for the task page and the API alike; nothing depends on a task.</summary>
public static class DeleteTreatmentTask
{
    public static async Task<Risks.DeleteRiskScenario.Outcome> HandleAsync(MamoriDb db, Membership membership, Guid id, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return Risks.DeleteRiskScenario.Outcome.Forbidden;
        }

        if (await db.TreatmentTasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } task)
        {
            return Risks.DeleteRiskScenario.Outcome.NotFound;
        }

        db.TreatmentTasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return Risks.DeleteRiskScenario.Outcome.Deleted;
    }
}
