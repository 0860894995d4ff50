using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// Starts this fiscal year's ★3 assessment (once: a second start returns the same one) and opens
/// a yearly check for every criterion that asks for one, in one commit. Earlier years stay as they are.
/// </summary>
public static class StartAssessment
{
    public static async Task<(SaveStatus Status, ScsAssessment? Assessment)> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, string actor, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return (SaveStatus.Forbidden, null);
        }

        var year = Star3Assessment.CurrentYear(today);
        if (await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken) is { } existing)
        {
            return (SaveStatus.Saved, existing);
        }

        var assessment = new ScsAssessment(organization.Id, year, now, actor);
        db.ScsAssessments.Add(assessment);
        await YearlyChecks.OpenMissingAsync(db, organization, today, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, assessment);
    }
}
