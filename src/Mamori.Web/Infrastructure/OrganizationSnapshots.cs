using Mamori.Data;
using Mamori.Features.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Figures that read an organization's whole register (the asset count and filter values, the
/// risk map, the order of the risk list), kept until its data changes. Every write to an
/// organization's data appends to its audit chain in the same transaction (MamoriDb and the
/// bulk insert both do), so the chain's last entry names the state of the data: a figure is
/// served again only while that entry is still the last. A page view then reads one indexed row
/// instead of thousands; the first view after a change computes afresh.
/// </summary>
public sealed class OrganizationSnapshots : IDisposable
{
    /// <summary>The most items (ids, values) held across all organizations; the least recently used go first.</summary>
    public const long Capacity = 2_000_000;

    // A cache of its own: a size limit on a shared one would oblige every other user to give sizes.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    private sealed record DataVersion(long Sequence, string Hash);

    private sealed record Entry(DataVersion Version, object Value);

    /// <summary>
    /// The figure named <paramref name="kind"/> for the organization <paramref name="db"/> is
    /// confined to: the kept one if its data has not changed since, else <paramref name="compute"/>'s.
    /// </summary>
    /// <param name="size">How many items the figure holds, to bound the memory kept.</param>
    public async Task<T> GetAsync<T>(MamoriDb db, string kind, Func<CancellationToken, Task<T>> compute, Func<T, int> size, CancellationToken cancellationToken)
        where T : class
    {
        // The type is part of the key, so two callers naming the same kind differently cannot collide.
        var key = (db.OrganizationId ?? throw new InvalidOperationException("Snapshots are of one organization's data."), kind, typeof(T));
        var version = await VersionAsync(db, cancellationToken);
        if (_cache.TryGetValue(key, out Entry? kept) && kept!.Version == version)
        {
            return (T)kept.Value;
        }

        var value = await compute(cancellationToken);
        // A write committed while computing may or may not be in the figure: keep it only if none was.
        if (await VersionAsync(db, cancellationToken) == version)
        {
            _cache.Set(key, new Entry(version, value), new MemoryCacheEntryOptions
            {
                Size = 1 + size(value),
                SlidingExpiration = TimeSpan.FromMinutes(30),
            });
        }

        return value;
    }

    /// <summary>The register's asset count and filter values, shared by the asset list page and the API.</summary>
    public Task<RegisterSummary> RegisterAsync(MamoriDb db, CancellationToken cancellationToken) =>
        GetAsync(db, "register", ct => RegisterSummary.ReadAsync(db, ct), r => r.Categories.Count + r.Departments.Count, cancellationToken);

    public void Dispose() => _cache.Dispose();

    private static async Task<DataVersion> VersionAsync(MamoriDb db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        return new(last?.Sequence ?? 0, last?.Hash ?? "");
    }
}
