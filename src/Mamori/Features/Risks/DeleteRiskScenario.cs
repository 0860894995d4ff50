using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Risks;

/// <summary>
/// Deletes one risk scenario. Its treatment tasks stay, with their link to it cleared: the work
/// they describe may still need doing. Both go through the change tracker, so the audit log has
/// the deletion and each unlinked task; nothing is left for a database cascade to do.
/// </summary>
public static class DeleteRiskScenario
{
    public enum Outcome
    {
        Deleted,
        NotFound,
        Forbidden,
    }

    public static async Task<Outcome> HandleAsync(MamoriDb db, Membership membership, Guid id, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return Outcome.Forbidden;
        }

        var scenario = await db.RiskScenarios.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scenario is null)
        {
            return Outcome.NotFound;
        }

        await RemoveAsync(db, [scenario], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Deleted;
    }

    /// <summary>Marks <paramref name="scenarios"/> deleted and unlinks their treatment tasks, for the caller's SaveChanges.</summary>
    internal static async Task RemoveAsync(MamoriDb db, IReadOnlyCollection<RiskScenario> scenarios, CancellationToken cancellationToken)
    {
        var ids = scenarios.Select(s => (Guid?)s.Id).ToList();
        foreach (var task in await db.TreatmentTasks.Where(t => ids.Contains(t.RiskScenarioId)).ToListAsync(cancellationToken))
        {
            task.RiskScenarioId = null;
        }

        db.RiskScenarios.RemoveRange(scenarios);
    }
}
