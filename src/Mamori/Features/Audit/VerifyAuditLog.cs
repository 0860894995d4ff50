using Mamori.Data;
using Mamori.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Audit;

/// <summary>
/// Walks an organization's audit chain from the first entry and reports the first place it
/// breaks: an entry whose values no longer give its hash (changed), an entry that does not
/// link into the chain (inserted), or a gap before an intact entry (deleted). An entry
/// appended at the end with a correctly computed hash cannot be told from a real one; the
/// head hash the result carries is what to write down elsewhere to catch that too.
/// </summary>
public static class VerifyAuditLog
{
    public enum Breach
    {
        Changed,
        Inserted,
        Deleted,
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
        }

        if (current is not null)
        {
            if (Judge(current, null, expectedPrevious, expectedSequence) is { } finding)
            {
                return new(count, expectedPrevious, finding);
            }

            (expectedPrevious, count) = (current.Hash, count + 1);
        }

        return new(count, expectedPrevious, null);
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
