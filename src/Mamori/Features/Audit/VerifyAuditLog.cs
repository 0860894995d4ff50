using System.Text.Json.Nodes;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Audit;

/// <summary>
/// Walks an organization's audit chain from the first entry and reports the first place it
/// breaks: an entry whose values no longer give its hash (changed), an entry that does not
/// link into the chain (inserted), or a gap before an intact entry (deleted). An entry
/// appended at the end with a correctly computed hash cannot be told from a real one; the
/// head hash the result carries is what to write down elsewhere to catch that too.
/// An intact chain is then checked against the register files kept by imports: each file must
/// still give the SHA-256 its import's entry sealed.
/// </summary>
public static class VerifyAuditLog
{
    public enum Breach
    {
        Changed,
        Inserted,
        Deleted,

        /// <summary>The file an import kept was changed or removed; the finding names the import's entry.</summary>
        FileChanged,
    }

    /// <summary>
    /// Where the chain breaks: the entry found there (for a deletion, the first intact entry
    /// after the gap), and for a deletion the sequence numbers missing.
    /// </summary>
    public sealed record Finding(Breach Kind, Guid EntryId, long Sequence, DateTimeOffset At, long? MissingFrom, long? MissingTo);

    public sealed record Result(long Entries, string HeadHash, Finding? Problem)
    {
        public bool Intact => Problem is null;
    }

    /// <param name="db">A context opened for the organization whose log is checked.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        var expectedPrevious = AuditEntry.Genesis;
        long expectedSequence = 1;
        long count = 0;
        AuditEntry? current = null;
        var imports = new List<AuditEntry>();
        // Each entry is judged once the one after it is known (a changed entry is still pointed to by its successor).
        await foreach (var next in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (current is not null)
            {
                if (Judge(current, next, expectedPrevious, expectedSequence) is { } finding)
                {
                    return new(count, expectedPrevious, finding);
                }

                (expectedPrevious, expectedSequence, count) = (current.Hash, current.Sequence + 1, count + 1);
            }

            current = next;
            if (next.EntityType == nameof(RegisterImport) && next.Action == AuditAction.Created)
            {
                imports.Add(next);
            }
        }

        if (current is not null)
        {
            if (Judge(current, null, expectedPrevious, expectedSequence) is { } finding)
            {
                return new(count, expectedPrevious, finding);
            }

            (expectedPrevious, count) = (current.Hash, count + 1);
        }

        foreach (var import in imports)
        {
            if (!await FileIntactAsync(db, import, cancellationToken))
            {
                return new(count, expectedPrevious, Found(Breach.FileChanged, import));
            }
        }

        return new(count, expectedPrevious, null);
    }

    private static async Task<bool> FileIntactAsync(MamoriDb db, AuditEntry entry, CancellationToken cancellationToken)
    {
        var sealedHash = entry.After is { } after ? JsonNode.Parse(after)?[nameof(RegisterImport.Sha256)]?.GetValue<string>() : null;
        if (!Guid.TryParse(entry.EntityId, out var id) || sealedHash is null)
        {
            return false;
        }

        var content = await db.RegisterImports.AsNoTracking().Where(i => i.Id == id).Select(i => i.Content).SingleOrDefaultAsync(cancellationToken);
        return content is not null && RegisterImport.HashOf(content) == sealedHash;
    }

    private static Finding? Judge(AuditEntry entry, AuditEntry? next, string expectedPrevious, long expectedSequence)
    {
        var sealedIntact = entry.ComputeHash() == entry.Hash;
        var linked = entry.PreviousHash == expectedPrevious && entry.Sequence == expectedSequence;
        if (sealedIntact && linked)
        {
            return null;
        }

        if (!sealedIntact)
        {
            // Its place in the chain is right and the next entry still points at it: its values were edited.
            // A row carrying its predecessor's hash as its own is a copy slipped in after it.
            var pointedTo = (next is null || next.PreviousHash == entry.Hash) && entry.Hash != entry.PreviousHash;
            return Found(linked && pointedTo ? Breach.Changed : Breach.Inserted, entry);
        }

        // Intact, but after a gap: what was between is gone.
        return entry.Sequence > expectedSequence
            ? Found(Breach.Deleted, entry) with { MissingFrom = expectedSequence, MissingTo = entry.Sequence - 1 }
            : Found(Breach.Inserted, entry);
    }

    private static Finding Found(Breach kind, AuditEntry entry) => new(kind, entry.Id, entry.Sequence, entry.At, null, null);
}
