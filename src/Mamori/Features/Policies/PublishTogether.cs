using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// まとめて承認・公開: the owner of a small company writes and approves its own set, and taking
/// each of a dozen new documents through レビュー → 承認 → 公開 one page at a time is three dozen
/// clicks. Someone who may approve documents chooses versions not yet published; each goes through
/// the steps it has left, recorded as they would be one at a time (approver, rule values kept, next
/// review date), in one commit: if one of them cannot be published, none is.
/// </summary>
public static class PublishTogether
{
    public enum Outcome
    {
        Done,
        Forbidden,
        NothingChosen,
        NotFound,
        NotAllowedNow,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<string> Published);

    /// <summary>The latest versions of <paramref name="items"/> that can be published together (drafts, in review or approved).</summary>
    public static IEnumerable<DocumentStatus.Item> Candidates(IEnumerable<DocumentStatus.Item> items) =>
        items.Where(i => i.Latest is { Status: VersionStatus.Draft or VersionStatus.InReview or VersionStatus.Approved });

    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, IReadOnlyCollection<Guid> versionIds, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments || !membership.CanApproveDocuments)
        {
            return new(Outcome.Forbidden, []);
        }

        var wanted = versionIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new(Outcome.NothingChosen, []);
        }

        var versions = await db.DocumentVersions.Where(v => wanted.Contains(v.Id)).ToListAsync(cancellationToken);
        if (versions.Count != wanted.Count)
        {
            return new(Outcome.NotFound, []);
        }

        var documentIds = versions.Select(v => v.DocumentId).ToList();
        var documents = await db.PolicyDocuments.Where(d => documentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        if (documentIds.Distinct().Count() != documentIds.Count)
        {
            // Two versions of one document: only one of them can be the published one.
            return new(Outcome.NotAllowedNow, []);
        }

        var published = new List<string>();
        try
        {
            foreach (var version in versions.OrderBy(v => documents[v.DocumentId].Kind).ThenBy(v => documents[v.DocumentId].Number, DocumentStatus.NumberComparer.Instance))
            {
                var document = documents[version.DocumentId];
                foreach (var step in StepsLeft(version.Status))
                {
                    await DocumentLifecycle.MoveAsync(db, organization, document, version, step, actor, now, cancellationToken);
                }

                published.Add(document.Title);
            }
        }
        catch (InvalidOperationException)
        {
            return new(Outcome.NotAllowedNow, []);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(Outcome.Done, published);
    }

    private static DocumentLifecycle.Step[] StepsLeft(VersionStatus status) => status switch
    {
        VersionStatus.Draft => [DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish],
        VersionStatus.InReview => [DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish],
        VersionStatus.Approved => [DocumentLifecycle.Step.Publish],
        _ => throw new InvalidOperationException($"A {status} version cannot be published."),
    };
}
