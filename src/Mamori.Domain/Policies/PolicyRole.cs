using Mamori.Domain.Organizations;

namespace Mamori.Domain.Policies;

/// <summary>A line of the roles table (役職名 / 役割と責任), bound to the people who hold it.</summary>
public sealed class PolicyRole : IBelongsToOrganization
{
    public PolicyRole(Guid organizationId, string title, string responsibility, int order)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Title = title;
        Responsibility = responsibility;
        Order = order;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>役職名</summary>
    public string Title { get; set; }

    /// <summary>役割と責任</summary>
    public string Responsibility { get; set; }

    /// <summary>The people who hold the role, by name (e.g. 「代表取締役 山田太郎」).</summary>
    public string Holders { get; set; } = "";

    public int Order { get; set; }

    /// <summary>A stable key for templates, e.g. security_officer → {{ roles.security_officer }}.</summary>
    public string Key { get; set; } = "";
}

/// <summary>A person's statement that they have read a published version of a procedure.</summary>
public sealed class Acknowledgement : IBelongsToOrganization
{
    public Acknowledgement(Guid organizationId, Guid versionId, string userId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        VersionId = versionId;
        UserId = userId;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid VersionId { get; private set; }

    public string UserId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
