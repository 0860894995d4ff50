using Mamori.Data;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Infrastructure;

/// <summary>The organization of this request (from /o/{org}/…) and the current user's membership of it.</summary>
public sealed class OrganizationContext
{
    private Organization? _organization;
    private Membership? _membership;

    public bool IsSet => _organization is not null;

    public Organization Organization => _organization ?? throw new InvalidOperationException("This request has no organization.");

    public Membership Membership => _membership ?? throw new InvalidOperationException("This request has no organization.");

    public void Set(Organization organization, Membership membership)
    {
        _organization = organization;
        _membership = membership;
    }
}

/// <summary>
/// The data of this request's organization: a context confined to it, opened on first use.
/// Pages and endpoints get organization data only through this.
/// </summary>
public sealed class OrganizationData(MamoriDatabase database, OrganizationContext organization, RequestActor actor) : IAsyncDisposable
{
    private MamoriDb? _db;

    public MamoriDb Db
    {
        get
        {
            var db = OpenFor(organization.Organization.Id);
            return db.OrganizationId == organization.Organization.Id
                ? db
                : throw new InvalidOperationException("This request's data was opened for another organization.");
        }
    }

    /// <summary>The context for <paramref name="organizationId"/>, before the request's organization is settled (OrganizationResolver).</summary>
    internal MamoriDb OpenFor(Guid organizationId) => _db ??= database.Open(organizationId, actor.Actor);

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
