using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// Changes a member's role, department and procedure audiences. Only a 管理者 does, and the
/// organization's last 管理者 keeps that role.
/// </summary>
public static class ChangeMember
{
    public sealed record Request(MemberRole Role, string? Department, IReadOnlyList<string>? Audiences);

    /// <summary>The outcome; <see cref="Errors"/> maps a field name of <see cref="Request"/> (or "" for the whole) to its messages.</summary>
    public sealed record Result(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever changes it.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, Guid membershipId, Request request, CancellationToken cancellationToken = default)
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

        var errors = new FieldErrors();
        if (!Enum.IsDefined(request.Role))
        {
            errors.Add(nameof(Request.Role), Messages.MemberRoleInvalid);
        }
        else if (request.Role == MemberRole.DepartmentManager && string.IsNullOrWhiteSpace(request.Department))
        {
            errors.Add(nameof(Request.Department), Messages.MemberDepartmentRequired);
        }
        else if (request.Role != MemberRole.Administrator && await IsLastAdministratorAsync(db, membership, cancellationToken))
        {
            errors.Add(nameof(Request.Role), Messages.MemberLastAdministrator);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, errors);
        }

        membership.Role = request.Role;
        membership.Department = (request.Department ?? "").Trim();
        membership.Audiences.Clear();
        membership.Audiences.AddRange((request.Audiences ?? []).Where(a => Audiences.All.Contains(a)).Distinct());
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, FieldErrors.None);
    }

    /// <summary>The last-administrator rule: an organization always keeps at least one 管理者.</summary>
    internal static async Task<bool> IsLastAdministratorAsync(MamoriDb db, Membership membership, CancellationToken cancellationToken) =>
        membership.Role == MemberRole.Administrator
        && await db.Memberships.CountAsync(m => m.Role == MemberRole.Administrator, cancellationToken) <= 1;
}
