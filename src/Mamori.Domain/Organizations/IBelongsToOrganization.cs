namespace Mamori.Domain.Organizations;

/// <summary>Data owned by one organization; no other organization may read or write it.</summary>
public interface IBelongsToOrganization
{
    Guid OrganizationId { get; }
}
