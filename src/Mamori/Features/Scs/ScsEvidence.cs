using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Features.Soa;
using Mamori.Import;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// Files kept as evidence for a criterion of a year's assessment: the same kinds and size as the
/// SoA's evidence (<see cref="AttachEvidence.Inspect"/>), stored with the organization's data.
/// </summary>
public static class ScsEvidence
{
    /// <summary>Null file and null problem: not allowed, or no such assessment or criterion.</summary>
    public static async Task<(ScsEvidenceFile? File, string? Problem)> AttachAsync(
        MamoriDb db, Membership membership, Organization organization, int year, string criterionId, string fileName, byte[] content, string actor, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments || !AnswerCriterion.IsCriterion(criterionId)
            || await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken) is not { } assessment)
        {
            return (null, null);
        }

        // The name as the client sent it may carry control characters, which PostgreSQL text refuses.
        var (name, contentType, problem) = AttachEvidence.Inspect(UploadName.Clean(fileName), content);
        if (problem is not null)
        {
            return (null, problem);
        }

        var file = new ScsEvidenceFile(organization.Id, assessment.Id, criterionId, name, contentType, content, now, actor);
        db.ScsEvidenceFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return (file, null);
    }

    /// <summary>A file of the year's assessment, for whoever may read the assessment.</summary>
    public static async Task<ScsEvidenceFile?> FindAsync(MamoriDb db, int year, string criterionId, Guid fileId, CancellationToken cancellationToken = default) =>
        await db.ScsEvidenceFiles.AsNoTracking()
            .Where(f => f.Id == fileId && f.CriterionId == criterionId && db.ScsAssessments.Any(a => a.Id == f.AssessmentId && a.Year == year))
            .SingleOrDefaultAsync(cancellationToken);

    public static async Task<SaveStatus> RemoveAsync(MamoriDb db, Membership membership, int year, string criterionId, Guid fileId, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return SaveStatus.Forbidden;
        }

        var file = await db.ScsEvidenceFiles
            .Where(f => f.Id == fileId && f.CriterionId == criterionId && db.ScsAssessments.Any(a => a.Id == f.AssessmentId && a.Year == year))
            .SingleOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return SaveStatus.NotFound;
        }

        db.ScsEvidenceFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        return SaveStatus.Saved;
    }
}
