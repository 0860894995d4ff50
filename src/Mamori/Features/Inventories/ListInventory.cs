using Mamori.Data;
using Mamori.Domain.Inventories;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Inventories;

/// <summary>What the inventories hold: one kind's entries in order, or how many each kind has and how many lack something.</summary>
public static class ListInventory
{
    public sealed record Count(InventoryKind Kind, int Entries, int Lacking);

    public static async Task<IReadOnlyList<InventoryItem>> EntriesAsync(MamoriDb db, InventoryKind kind, CancellationToken cancellationToken = default) =>
        await db.InventoryItems.AsNoTracking().Where(i => i.Kind == kind).OrderBy(i => i.System).ThenBy(i => i.Name).ToListAsync(cancellationToken);

    /// <summary>Every kind, with none when it has no entries; one query.</summary>
    public static async Task<IReadOnlyDictionary<InventoryKind, Count>> CountsAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        // An inventory holds dozens of entries: the rule of what an entry lacks runs here rather than in SQL.
        var items = await db.InventoryItems.AsNoTracking().ToListAsync(cancellationToken);
        return Inventory.Kinds.ToDictionary(
            k => k,
            k => new Count(k, items.Count(i => i.Kind == k), items.Count(i => i.Kind == k && Inventory.LacksSomething(i))));
    }
}
