using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Risks;

/// <summary>What follows a treatment decision: tasks for the chosen controls, and the owner's acceptance of what remains.</summary>
public static class TreatRiskScenario
{
    /// <summary>One task per control of the scenario that has none yet; returns how many were made.</summary>
    public static async Task<int?> CreateTasksAsync(MamoriDb db, Membership membership, Guid scenarioId, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return null;
        }

        var scenario = await db.RiskScenarios.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scenarioId, cancellationToken);
        if (scenario is null)
        {
            return null;
        }

        var existing = await db.TreatmentTasks.Where(t => t.RiskScenarioId == scenarioId).Select(t => t.ControlId).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var control in scenario.Controls.Where(c => !existing.Contains(c.ControlId)))
        {
            var title = control.Measure.Length > 0 ? control.Measure : CatalogSet.Default.FindControl(control.ControlId)?.Citation(Language.Japanese) ?? control.ControlId;
            db.TreatmentTasks.Add(new TreatmentTask(membership.OrganizationId, title)
            {
                RiskScenarioId = scenarioId,
                ControlId = control.ControlId,
                Owner = scenario.Owner,
                DueOn = today.AddMonths(1),
            });
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Records that <paramref name="acceptedBy"/> accepts the residual risk today.</summary>
    public static async Task<bool> AcceptAsync(MamoriDb db, Membership membership, Guid scenarioId, string acceptedBy, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return false;
        }

        var scenario = await db.RiskScenarios.SingleOrDefaultAsync(s => s.Id == scenarioId, cancellationToken);
        if (scenario is null)
        {
            return false;
        }

        scenario.AcceptResidualRisk(acceptedBy, today);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
