using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>Lists every organization of the installation, with how many assets each holds.</summary>
public static class ListOrganizations
{
    public sealed record Item(Organization Organization, int AssetCount);

    public static async Task<IReadOnlyList<Item>> HandleAsync(MamoriDatabase database, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(cancellationToken);
        var items = new List<Item>(organizations.Count);
        foreach (var organization in organizations)
        {
            // Each count goes through a context confined to that organization, like every other read.
            await using var scoped = database.Open(organization.Id);
            items.Add(new(organization, await scoped.Assets.CountAsync(cancellationToken)));
        }

        return items;
    }

    /// <summary>The organization with this slug, or null.</summary>
    public static async Task<Organization?> FindAsync(MamoriDatabase database, string slug, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
    }
}
