using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>Removes a person from the organization. Only a 管理者 does, and never the last 管理者.</summary>
public static class RemoveMember
{
    /// <summary>The outcome; <see cref="Errors"/> holds why the member stays ("" for the whole request).</summary>
    public sealed record Result(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever removes it.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, Guid membershipId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdministerOrganization)
        {
            return new(SaveStatus.Forbidden, FieldErrors.None);
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return new(SaveStatus.NotFound, FieldErrors.None);
        }

        if (await ChangeMember.IsLastAdministratorAsync(db, membership, cancellationToken))
        {
            return new(SaveStatus.Invalid, new FieldErrors { { "", Messages.MemberLastAdministrator } });
        }

        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, FieldErrors.None);
    }
}
