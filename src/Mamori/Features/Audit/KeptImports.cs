using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Audit;

/// <summary>
/// The register files that imports kept (<see cref="Domain.Assets.RegisterImport"/>): what an auditor
/// lists, and each one's bytes exactly as uploaded, the values behind the import's single audit entry.
/// </summary>
public static class KeptImports
{
    public sealed record Item(Guid Id, DateTimeOffset ImportedAt, string ImportedBy, string FileName, long Size, int AssetCount, string Sha256);

    public sealed record KeptFile(string FileName, byte[] Content);

    /// <summary>The organization's imports, newest first, without their contents.</summary>
    public static async Task<IReadOnlyList<Item>> ListAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        var items = await db.RegisterImports.AsNoTracking()
            .Select(i => new Item(i.Id, i.ImportedAt, i.ImportedBy, i.FileName, i.Size, i.AssetCount, i.Sha256))
            .ToListAsync(cancellationToken);
        // Ordered here: SQLite cannot order by a DateTimeOffset, and an organization has few imports.
        return items.OrderByDescending(i => i.ImportedAt).ThenBy(i => i.FileName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The kept file of one of the organization's imports, or null (another organization's id included).</summary>
    public static Task<KeptFile?> FindAsync(MamoriDb db, Guid id, CancellationToken cancellationToken = default) =>
        db.RegisterImports.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new KeptFile(i.FileName, i.Content))
            .SingleOrDefaultAsync(cancellationToken);
}
