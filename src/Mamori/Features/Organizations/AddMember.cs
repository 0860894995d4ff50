using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// Adds a person to the organization with a role: an existing account found by its e-mail
/// address, or a new one made with the initial password given, stored with its membership in one
/// commit. Only a 管理者 adds members.
/// </summary>
public static class AddMember
{
    public sealed record Request
    {
        public string? Email { get; init; }

        public string? DisplayName { get; init; }

        public MemberRole Role { get; init; } = MemberRole.Employee;

        /// <summary>The 管理部署 of a 部門責任者, who needs one.</summary>
        public string? Department { get; init; }

        /// <summary>The initial password, needed only when no account has this address yet.</summary>
        public string? Password { get; init; }
    }

    /// <summary>The outcome; <see cref="Errors"/> maps a field name of <see cref="Request"/> to its messages.</summary>
    public sealed record Result(SaveStatus Status, Membership? Member, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever adds the member.</param>
    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership actor, UserManager<MamoriUser> users, Request request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdministerOrganization)
        {
            return new(SaveStatus.Forbidden, null, FieldErrors.None);
        }

        var errors = new FieldErrors();
        var email = (request.Email ?? "").Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(nameof(Request.Email), Messages.MemberEmailInvalid);
        }

        if (!Enum.IsDefined(request.Role))
        {
            errors.Add(nameof(Request.Role), Messages.MemberRoleInvalid);
        }
        else if (request.Role == MemberRole.DepartmentManager && string.IsNullOrWhiteSpace(request.Department))
        {
            errors.Add(nameof(Request.Department), Messages.MemberDepartmentRequired);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, null, errors);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(request.Password))
            {
                errors.Add(nameof(Request.Password), Messages.MemberNeedsPassword);
                return new(SaveStatus.Invalid, null, errors);
            }

            user = NewAccount.For(email, request.DisplayName, now);
            // Stored below with the membership, in the same commit.
            var problems = await NewAccount.PrepareAsync(users, user, request.Password);
            if (problems.Any)
            {
                problems.Password.Concat(problems.Account).ToList().ForEach(e => errors.Add(nameof(Request.Password), e));
                return new(SaveStatus.Invalid, null, errors);
            }

            db.Users.Add(user);
        }
        else if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            errors.Add(nameof(Request.Email), Messages.MemberExists);
            return new(SaveStatus.Invalid, null, errors);
        }

        var membership = new Membership(actor.OrganizationId, user.Id, request.Role) { Department = (request.Department ?? "").Trim() };
        db.Memberships.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, membership, FieldErrors.None);
    }
}
