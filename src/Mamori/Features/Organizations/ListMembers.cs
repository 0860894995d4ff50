using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// The organization's members with their name and address, by role then address (a stable order), for
/// its 管理者: the members page, the API and `mamori members list` read the same list.
/// </summary>
public static class ListMembers
{
    public sealed record Member(Membership Membership, string DisplayName, string Email);

    /// <param name="db">A context confined to the organization.</param>
    public static async Task<IReadOnlyList<Member>> HandleAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        var memberships = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var ids = memberships.Select(m => m.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return memberships
            .Select(m => new Member(m, people.GetValueOrDefault(m.UserId)?.DisplayName ?? "", people.GetValueOrDefault(m.UserId)?.Email ?? ""))
            .OrderBy(m => m.Membership.Role).ThenBy(m => m.Email, StringComparer.Ordinal).ThenBy(m => m.Membership.Id)
            .ToList();
    }
}
