using Mamori.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Data;

/// <summary>
/// Appends new audit entries to their organization's hash chain. Runs inside the saving
/// transaction after taking a lock per organization, so two writers (two requests, two web
/// nodes) append one after the other and never both after the same entry: on PostgreSQL a
/// transaction-scoped advisory lock, on SQLite the write lock that BEGIN IMMEDIATE takes.
/// The unique (organization, sequence) index backs this up.
/// </summary>
internal static class AuditChain
{
    public static async Task AppendAsync(MamoriDb db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        foreach (var group in Groups(pending))
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(group.Key)})", cancellationToken);
            }

            var (sequence, hash) = await TailAsync(db, group.Key, cancellationToken);
            Link(group, sequence, hash);
        }
    }

    private static async Task<(long Sequence, string Hash)> TailAsync(MamoriDb db, Guid organizationId, CancellationToken cancellationToken)
    {
        var tail = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.OrganizationId == organizationId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        return (tail?.Sequence ?? 0, tail?.Hash ?? AuditEntry.Genesis);
    }

    public static void Append(MamoriDb db, IReadOnlyList<AuditEntry> pending)
    {
        foreach (var group in Groups(pending))
        {
            if (db.Database.IsNpgsql())
            {
                db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({LockKey(group.Key)})");
            }

            var tail = db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.OrganizationId == group.Key)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefault();
            Link(group, tail?.Sequence ?? 0, tail?.Hash ?? AuditEntry.Genesis);
        }
    }

    // Locks are taken in a fixed order so that two writers touching the same organizations cannot deadlock.
    private static IEnumerable<IGrouping<Guid, AuditEntry>> Groups(IReadOnlyList<AuditEntry> pending) =>
        pending.GroupBy(e => e.OrganizationId).OrderBy(g => g.Key);

    private static void Link(IEnumerable<AuditEntry> entries, long sequence, string previousHash)
    {
        foreach (var entry in entries)
        {
            entry.Chain(++sequence, previousHash);
            previousHash = entry.Hash;
        }
    }

    /// <summary>The advisory lock key of an organization's chain (its id folded to 64 bits).</summary>
    private static long LockKey(Guid organizationId)
    {
        Span<byte> bytes = stackalloc byte[16];
        organizationId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
