using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.RuleValues;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Moves a version through 下書き → レビュー中 → 承認済 → 公開. Submitting needs the right to
/// edit documents; sending back, approving and publishing need the right to approve them.
/// Approving records the approver and the rule values the text uses (an approved version keeps
/// them) and starts the next review period; publishing replaces the
/// previously published version, which stays in the history as 旧版.
/// </summary>
public static class DocumentLifecycle
{
    public enum Step
    {
        Submit,
        Return,
        Approve,
        Publish,
    }

    public enum Outcome
    {
        Done,
        NotFound,
        Forbidden,
        NotAllowedNow,
    }

    public static async Task<Outcome> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, Guid versionId, Step step, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var allowed = step == Step.Submit ? membership.CanEditDocuments : membership.CanApproveDocuments;
        if (!allowed)
        {
            return Outcome.Forbidden;
        }

        var version = await db.DocumentVersions.SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Outcome.NotFound;
        }

        var document = await db.PolicyDocuments.SingleAsync(d => d.Id == version.DocumentId, cancellationToken);
        try
        {
            await MoveAsync(db, organization, document, version, step, actor, now, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return Outcome.NotAllowedNow;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>One step of one version, in the context's unit of work (not saved); throws <see cref="InvalidOperationException"/> when the version's state does not allow it.</summary>
    internal static async Task MoveAsync(
        MamoriDb db, Organization organization, PolicyDocument document, DocumentVersion version, Step step, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case Step.Submit:
                version.SubmitForReview();
                break;
            case Step.Return:
                version.ReturnToDraft();
                break;
            case Step.Approve:
                version.Approve(actor, now, RuleValueUse.Snapshot(version.Body, organization.RuleValues));
                document.LastApprovedAt = now;
                document.NextReviewOn = now.LocalDate(organization).AddMonths(document.ReviewIntervalMonths);
                break;
            case Step.Publish:
                foreach (var published in await db.DocumentVersions.Where(v => v.DocumentId == document.Id && v.Status == VersionStatus.Published).ToListAsync(cancellationToken))
                {
                    published.Supersede();
                }

                version.Publish(now);
                break;
        }
    }
}
