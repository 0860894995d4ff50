using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Notifications;

/// <summary>
/// One node at a time for a periodic job on a shared database: a row per job, taken by one atomic
/// UPDATE that succeeds only when the lease has expired or the node already holds it. Works alike
/// on SQLite and PostgreSQL; no lock is held between runs.
/// </summary>
public static class SchedulerLeases
{
    /// <summary>True when <paramref name="node"/> holds the lease on <paramref name="name"/> until now + <paramref name="length"/>.</summary>
    public static async Task<bool> TryTakeAsync(MamoriDatabase database, string name, string node, DateTimeOffset now, TimeSpan length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var at = now.ToUnixTimeMilliseconds();
        var until = (now + length).ToUnixTimeMilliseconds();
        await using var db = database.Open();
        var taken = await db.SchedulerLeases
            .Where(l => l.Name == name && (l.ExpiresAt < at || l.Holder == node))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, node).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.SchedulerLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        // The first run on this database: whoever inserts the row holds the lease.
        db.SchedulerLeases.Add(new SchedulerLease(name, node, until));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (UniqueKeys.Violated(e))
        {
            return false;
        }
    }
}
