using Mamori.Data;
using Mamori.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Audit;

/// <summary>
/// One page of the organization's audit log, newest first: the chain's sequence is the order of writing,
/// whichever node wrote. The API and `mamori audit log` read it; the audit page walks it the same way.
/// </summary>
public static class ReadAuditLog
{
    public sealed record Page(long Total, IReadOnlyList<AuditEntry> Entries);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="page">From 1.</param>
    public static async Task<Page> HandleAsync(MamoriDb db, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var total = await db.AuditEntries.LongCountAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Skip((Math.Max(page, 1) - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new(total, entries);
    }
}
