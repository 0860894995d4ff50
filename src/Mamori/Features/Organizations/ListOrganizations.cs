using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// The one place that reads across organizations. Everything else reaches an organization's
/// data through a context confined to it (<see cref="MamoriDatabase.Open"/> with its id), whose
/// query filters hide every other organization's rows. These lists span organizations by
/// design, so they lift the filters here (<see cref="AcrossOrganizations"/>) and nowhere else,
/// and each is one query however many organizations the installation holds.
/// </summary>
public static partial class ListOrganizations
{
    /// <summary>An organization the user belongs to, with the role they hold there.</summary>
    public sealed record MemberOf(Organization Organization, MemberRole Role);

    /// <summary>An organization of the installation, with how many assets it holds.</summary>
    public sealed record Item(Organization Organization, int AssetCount);

    /// <summary>The organizations <paramref name="userId"/> is a member of, by name: /, /orgs and GET /api/v1/organizations.</summary>
    public static async Task<IReadOnlyList<MemberOf>> ForUserAsync(MamoriDatabase database, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var rows = await (
                from membership in AcrossOrganizations(db.Memberships)
                join organization in db.Organizations on membership.OrganizationId equals organization.Id
                where membership.UserId == userId
                orderby organization.Name
                select new { organization, membership.Role })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MemberOf(r.organization, r.Role)).ToList();
    }

    /// <summary>Every organization of the installation with its asset count, by slug: `mamori orgs list`.</summary>
    public static async Task<IReadOnlyList<Item>> ForSiteAdministratorAsync(MamoriDatabase database, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var assets = AcrossOrganizations(db.Assets);
        var rows = await db.Organizations.AsNoTracking()
            .OrderBy(o => o.Slug)
            .Select(o => new { o, Assets = assets.Count(a => a.OrganizationId == o.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Item(r.o, r.Assets)).ToList();
    }

    /// <summary>The organization with this slug, or null.</summary>
    public static async Task<Organization?> FindAsync(MamoriDatabase database, string slug, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
    }

    /// <summary>
    /// The rows of every organization, not only the context's own: the tenant filter lifted on
    /// purpose, for reading only (writes stay confined by the context's write check).
    /// </summary>
    private static IQueryable<T> AcrossOrganizations<T>(DbSet<T> rows)
        where T : class, IBelongsToOrganization => rows.IgnoreQueryFilters();
}
