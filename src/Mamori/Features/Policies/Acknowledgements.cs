using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>Employees read the published procedures that apply to them and say so; managers see who has not.</summary>
public static class Acknowledgements
{
    public sealed record ProcedureForMember(PolicyDocument Document, DocumentVersion Published, DateTimeOffset? AcknowledgedAt);

    public sealed record Reader(string UserId, string DisplayName, string Email, DateTimeOffset? AcknowledgedAt);

    /// <summary>The published procedures that apply to this member, with when they acknowledged each version.</summary>
    public static async Task<IReadOnlyList<ProcedureForMember>> ForMemberAsync(MamoriDb db, Membership membership, CancellationToken cancellationToken = default)
    {
        var procedures = await db.PolicyDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.Procedure).ToListAsync(cancellationToken);
        var applying = procedures.Where(d => Audiences.AppliesTo(d.Audiences, membership.Audiences)).ToList();
        var ids = applying.Select(d => d.Id).ToList();
        var published = await db.DocumentVersions.AsNoTracking()
            .Where(v => ids.Contains(v.DocumentId) && v.Status == VersionStatus.Published)
            .ToListAsync(cancellationToken);
        var versionIds = published.Select(v => v.Id).ToList();
        var acknowledged = await db.Acknowledgements.AsNoTracking()
            .Where(a => a.UserId == membership.UserId && versionIds.Contains(a.VersionId))
            .ToDictionaryAsync(a => a.VersionId, a => a.At, cancellationToken);
        return published
            .Select(v => new ProcedureForMember(applying.Single(d => d.Id == v.DocumentId), v, acknowledged.TryGetValue(v.Id, out var at) ? at : null))
            .OrderBy(p => p.Document.Number, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Whether this member acknowledges procedures at all: a 支援専門家 is an outside reviewer who changes
    /// nothing but the ★3 review, and is not one of the staff the procedures bind.
    /// </summary>
    public static bool MayAcknowledge(Membership membership) => membership.Role != MemberRole.Expert;

    /// <summary>Records that the member has read this published version: NotFound when it is not theirs to acknowledge, Forbidden for an expert.</summary>
    public static async Task<SaveStatus> AcknowledgeAsync(MamoriDb db, Membership membership, Guid versionId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!MayAcknowledge(membership))
        {
            return SaveStatus.Forbidden;
        }

        var mine = await ForMemberAsync(db, membership, cancellationToken);
        var procedure = mine.SingleOrDefault(p => p.Published.Id == versionId);
        if (procedure is null)
        {
            return SaveStatus.NotFound;
        }

        if (procedure.AcknowledgedAt is null)
        {
            db.Acknowledgements.Add(new Acknowledgement(membership.OrganizationId, versionId, membership.UserId, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return SaveStatus.Saved;
    }

    /// <summary>Everyone the published version of a procedure applies to, and whether they acknowledged it.</summary>
    public static async Task<IReadOnlyList<Reader>> ReadersAsync(MamoriDb db, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        var published = await db.DocumentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DocumentId == documentId && v.Status == VersionStatus.Published, cancellationToken);
        if (document is null || published is null)
        {
            return [];
        }

        var members = (await db.Memberships.AsNoTracking().ToListAsync(cancellationToken))
            .Where(m => Audiences.AppliesTo(document.Audiences, m.Audiences))
            .ToList();
        var userIds = members.Select(m => m.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var acknowledged = await db.Acknowledgements.AsNoTracking().Where(a => a.VersionId == published.Id).ToDictionaryAsync(a => a.UserId, a => a.At, cancellationToken);
        return members
            .Select(m => users.GetValueOrDefault(m.UserId) is { } user
                ? new Reader(m.UserId, user.DisplayName, user.Email ?? "", acknowledged.TryGetValue(m.UserId, out var at) ? at : null)
                : null)
            .OfType<Reader>()
            .OrderBy(r => r.AcknowledgedAt is not null)
            .ThenBy(r => r.Email, StringComparer.Ordinal)
            .ToList();
    }
}
