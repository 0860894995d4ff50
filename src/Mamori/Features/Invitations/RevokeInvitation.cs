using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Invitations;

/// <summary>Withdraws an open invitation: its link stops working at once. Only a 管理者 does.</summary>
public static class RevokeInvitation
{
    public sealed record Result(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever withdraws it.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, Guid invitationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdministerOrganization)
        {
            return new(SaveStatus.Forbidden, FieldErrors.None);
        }

        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return new(SaveStatus.NotFound, FieldErrors.None);
        }

        if (!invitation.IsPending(now))
        {
            return new(SaveStatus.Invalid, new FieldErrors { { "", Messages.InvitationNotOpen } });
        }

        invitation.Revoke(now);
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, FieldErrors.None);
    }
}
