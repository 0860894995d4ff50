using Mamori.Domain.Organizations;

namespace Mamori.Features.Notifications;

/// <summary>The kinds an organization's administrator switched off; no row means all are on. Audited with the organization's data.</summary>
public sealed class OrganizationNotificationSettings : IBelongsToOrganization
{
    public OrganizationNotificationSettings(Guid organizationId)
    {
        OrganizationId = organizationId;
    }

    public Guid OrganizationId { get; private set; }

    /// <summary>The names of the <see cref="NotificationKind"/>s switched off.</summary>
    public List<string> Off { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>
/// The kinds a person switched off for themselves, in every organization; no row means all are on.
/// An account's own setting, like its access tokens: it belongs to no organization's audit log.
/// </summary>
public sealed class UserNotificationSettings
{
    public UserNotificationSettings(string userId)
    {
        UserId = userId;
    }

    public string UserId { get; private set; }

    /// <summary>The names of the <see cref="NotificationKind"/>s switched off.</summary>
    public List<string> Off { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>
/// A lease on a piece of work that one web node at a time should do (the notification run): the
/// node that holds it until <see cref="ExpiresAt"/> (Unix milliseconds, which both providers compare as numbers).
/// </summary>
public sealed class SchedulerLease
{
    public SchedulerLease(string name, string holder, long expiresAt)
    {
        Name = name;
        Holder = holder;
        ExpiresAt = expiresAt;
    }

    public string Name { get; private set; }

    public string Holder { get; private set; }

    public long ExpiresAt { get; private set; }
}
