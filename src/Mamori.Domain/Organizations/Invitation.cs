namespace Mamori.Domain.Organizations;

/// <summary>
/// An offer to join an organization with a role, sent to an e-mail address. The person accepts it
/// through a link that works once and for <see cref="Lifetime"/>; only the SHA-256 of the link's
/// token is kept, so the stored row cannot be turned back into a working link.
/// </summary>
public sealed class Invitation : IBelongsToOrganization
{
    /// <summary>How long a link stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    // For EF Core, which sets the properties itself.
    private Invitation()
    {
        Email = Department = Language = TokenHash = InvitedBy = "";
    }

    public Invitation(Guid organizationId, string email, MemberRole role, string department, string language, string tokenHash, string invitedBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Email = email;
        Role = role;
        Department = department;
        Language = language;
        TokenHash = tokenHash;
        InvitedBy = invitedBy;
        CreatedAt = now.ToUniversalTime();
        ExpiresAt = CreatedAt + Lifetime;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The address the invitation was sent to; only an account with this address may accept it.</summary>
    public string Email { get; private set; }

    public MemberRole Role { get; private set; }

    /// <summary>The 管理部署 of a 部門責任者.</summary>
    public string Department { get; private set; }

    /// <summary>The language of the mail and of the acceptance page ("ja" or "en").</summary>
    public string Language { get; private set; }

    /// <summary>The SHA-256 of the link's token, in lower-case hex.</summary>
    public string TokenHash { get; private set; }

    /// <summary>The id of the account that invited.</summary>
    public string InvitedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    /// <summary>The id of the account that accepted.</summary>
    public string? AcceptedBy { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Bumped on every change: two acceptances of one link cannot both be saved.</summary>
    public int Version { get; private set; }

    /// <summary>Neither accepted, withdrawn nor expired.</summary>
    public bool IsPending(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    public void Accept(string userId, DateTimeOffset now)
    {
        AcceptedAt = now.ToUniversalTime();
        AcceptedBy = userId;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt = now.ToUniversalTime();
}
