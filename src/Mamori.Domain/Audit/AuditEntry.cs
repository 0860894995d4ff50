using Mamori.Domain.Organizations;

namespace Mamori.Domain.Audit;

/// <summary>What kind of write an audit entry records.</summary>
public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
}

/// <summary>
/// One write to an organization's data: who, when, what, and the values before and after
/// (JSON objects of the changed properties). Entries are only ever added.
/// </summary>
public sealed class AuditEntry : IBelongsToOrganization
{
    public AuditEntry(Guid organizationId, DateTimeOffset at, string actor, AuditAction action, string entityType, string entityId, string? before, string? after)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        At = at.ToUniversalTime();
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Before = before;
        After = after;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who wrote: a user's e-mail address, or "cli:NAME" for the command line.</summary>
    public string Actor { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }
}
