using Mamori.Data;
using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Inventories;

/// <summary>Removes one entry of an inventory (audited like every write); for whoever may change the asset register as a whole.</summary>
public static class DeleteInventoryItem
{
    public sealed record Result(SaveStatus Status, InventoryItem? Item);

    /// <summary>The entry, for the page that asks before deleting; Forbidden when the member may not delete it.</summary>
    public static async Task<Result> CheckAsync(MamoriDb db, Membership membership, InventoryKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        var item = await db.InventoryItems.SingleOrDefaultAsync(i => i.Id == id && i.Kind == kind, cancellationToken);
        return item is null ? new(SaveStatus.NotFound, null)
            : membership.CanManageRisks ? new(SaveStatus.Saved, item)
            : new(SaveStatus.Forbidden, item);
    }

    public static async Task<Result> HandleAsync(MamoriDb db, Membership membership, InventoryKind kind, Guid id, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(db, membership, kind, id, cancellationToken);
        if (check.Status != SaveStatus.Saved)
        {
            return check;
        }

        db.InventoryItems.Remove(check.Item!);
        await db.SaveChangesAsync(cancellationToken);
        return check;
    }
}
