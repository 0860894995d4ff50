using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Invitations;

/// <summary>
/// Invites a person, by e-mail address, to join the organization with a role. Nothing is said about
/// whether the address has an account: the person answers the invitation themselves
/// (<see cref="AcceptInvitation"/>). An earlier invitation to the same address that is still open is
/// withdrawn in the same commit, so one address holds at most one working link. Only a 管理者 invites.
/// </summary>
public static class InviteMember
{
    /// <summary>The languages a mail and the acceptance page can be written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["ja", "en"];

    public sealed record Request
    {
        public string? Email { get; init; }

        public MemberRole Role { get; init; } = MemberRole.Employee;

        /// <summary>The 管理部署 of a 部門責任者, who needs one.</summary>
        public string? Department { get; init; }

        /// <summary>The language of the invitation mail ("ja" or "en").</summary>
        public string? Language { get; init; } = "ja";
    }

    /// <summary>
    /// The outcome. <see cref="Token"/> is the secret part of the link, given only here: the
    /// database keeps its hash.
    /// </summary>
    public sealed record Result(SaveStatus Status, Invitation? Invitation, string? Token, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever invites.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, Request request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdministerOrganization)
        {
            return new(SaveStatus.Forbidden, null, null, FieldErrors.None);
        }

        var errors = new FieldErrors();
        var email = (request.Email ?? "").Trim();
        if (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
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

        errors.Text(nameof(Request.Department), request.Department, Domain.Assets.InformationAsset.MaxTextLength);
        var language = Languages.Contains(request.Language) ? request.Language! : Languages[0];
        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, null, null, errors);
        }

        // Only this organization's members are looked at, whom the administrator already sees.
        var normalized = Normalize(email);
        var members = db.Memberships.Select(m => m.UserId);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && members.Contains(u.Id), cancellationToken))
        {
            errors.Add(nameof(Request.Email), Messages.MemberExists);
            return new(SaveStatus.Invalid, null, null, errors);
        }

        var earlier = await db.Invitations
            .Where(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        earlier.ForEach(i => i.Revoke(now));

        var (token, hash) = NewToken();
        var invitation = new Invitation(actor.OrganizationId, email, request.Role, (request.Department ?? "").Trim(), language, hash, actor.UserId, now);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, invitation, token, FieldErrors.None);
    }

    /// <summary>The open invitations of the organization, newest first.</summary>
    public static async Task<IReadOnlyList<Invitation>> PendingAsync(MamoriDb db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var open = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return open.Where(i => i.IsPending(now)).OrderByDescending(i => i.CreatedAt).ToList();
    }

    /// <summary>A new random token for a link, and the hash to store for it.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>An address as Identity compares it (its <c>NormalizedEmail</c>).</summary>
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
