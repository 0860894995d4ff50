using System.Globalization;
using System.Threading.Channels;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Import;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Assets;

/// <summary>
/// Adds every row of a register file to an organization's assets, all or nothing:
/// a single bad cell, or an asset already registered, stores nothing.
/// </summary>
/// <remarks>
/// The file is read on one thread while the rows read so far are stored on another, in one
/// transaction. Once a problem is found nothing more is stored, the rest of the file is still read
/// so that every problem is reported, and the transaction is rolled back. The file itself is kept as
/// a <see cref="RegisterImport"/>, whose one audit entry records the import.
/// </remarks>
public static class ImportAssets
{
    /// <summary>Rows handed from the reading thread to the storing one at a time.</summary>
    public const int BatchSize = 2_000;

    public sealed record Result(int Imported, IReadOnlyList<ImportProblem> Problems)
    {
        public bool Succeeded => Problems.Count == 0;
    }

    /// <param name="fileName">The file's name on the user's side; the path's by default.</param>
    public static async Task<Result> HandleAsync(
        MamoriDatabase database, Guid organizationId, string path, TimeProvider time, string? fileName = null, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        return await HandleAsync(database, organizationId, file, fileName ?? Path.GetFileName(path), time, cancellationToken);
    }

    /// <param name="file">The file's content (an upload's stream, say), refused by its size before it is all read.</param>
    /// <param name="fileName">The file's name on the user's side, whose extension says how to read it.</param>
    public static async Task<Result> HandleAsync(
        MamoriDatabase database, Guid organizationId, Stream file, string fileName, TimeProvider time, CancellationToken cancellationToken = default)
    {
        // Read once: the rows come from these bytes and the same bytes are kept as the import's record.
        byte[] content;
        try
        {
            content = await ImportGuard.ReadAllAsync(file, ImportLimits.Default, cancellationToken);
        }
        catch (UnreadableFileException e)
        {
            return new(0, [new ImportProblem(null, null, e.Message)]);
        }

        await using var db = database.Open(organizationId);
        var existing = (await db.Assets.AsNoTracking()
                .Select(a => new { a.BusinessCategory, a.Name })
                .ToListAsync(cancellationToken))
            .Select(a => (a.BusinessCategory, a.Name))
            .ToHashSet();
        var today = time.Today(await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<List<InformationAsset>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var owner = new RegisterOwner(organizationId, today, () => Guid.CreateVersion7(time.GetUtcNow()));
        var reading = Task.Run(() => ReadAsync(content, fileName, owner, existing, batches.Writer, stop.Token), stop.Token);
        var record = new RegisterImport(organizationId, Truncated(fileName), content, time.GetUtcNow(), database.DefaultActor.Name);

        MamoriDb.ImportWriter<InformationAsset>? writer = null;
        try
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    // Begun with the first valid rows, so a file that fails early never takes the write lock.
                    writer ??= await db.StartImportAsync<InformationAsset>(record, cancellationToken);
                    await writer.WriteAsync(batch, cancellationToken);
                }
            }
            catch (ChannelClosedException)
            {
                // The reader failed: its own exception is the one to report, and awaiting it below throws it.
            }

            var outcome = await reading;
            if (outcome.Problems.Count > 0)
            {
                return new(0, outcome.Problems);
            }

            if (outcome.Clashes.Count > 0)
            {
                return new(0, outcome.Clashes);
            }

            if (writer is not null)
            {
                await writer.CompleteAsync(cancellationToken);
                // A register that grew by thousands of rows changes which index SQLite should pick.
                database.MaintainSoon();
            }

            return new(outcome.Imported, []);
        }
        catch (UnreadableFileException e)
        {
            return new(0, [new ImportProblem(null, null, e.Message)]);
        }
        finally
        {
            await stop.CancelAsync();
            // The reader must be done with the file before this returns, whatever happened here.
            await Task.WhenAny(reading);
            _ = reading.Exception;
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private static string Truncated(string fileName) =>
        fileName.Length <= InformationAsset.MaxTextLength ? fileName : fileName[..InformationAsset.MaxTextLength];

    private sealed record Outcome(int Imported, List<ImportProblem> Problems, List<ImportProblem> Clashes);

    /// <summary>
    /// Reads the file and hands its valid assets over in batches until the first problem; after it,
    /// keeps reading to collect every problem. Assets already registered are reported only when the
    /// file itself has no problem, as they always were.
    /// </summary>
    private static async Task<Outcome> ReadAsync(
        byte[] content, string fileName, RegisterOwner owner, HashSet<(string, string)> existing, ChannelWriter<List<InformationAsset>> batches, CancellationToken cancellationToken)
    {
        var problems = new List<ImportProblem>();
        var clashes = new List<ImportProblem>();
        var imported = 0;
        try
        {
            await using var stream = new MemoryStream(content, writable: false);
            var batch = new List<InformationAsset>(BatchSize);
            foreach (var entry in RegisterParser.Read(SheetReader.Read(stream, fileName), problems, RegisterColumns.All, owner))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (existing.Contains((entry.Asset.BusinessCategory, entry.Asset.Name)))
                {
                    clashes.Add(new ImportProblem(
                        entry.RowNumber,
                        null,
                        string.Format(CultureInfo.CurrentCulture, Messages.AssetAlreadyRegistered, entry.Asset.Name, entry.Asset.BusinessCategory)));
                }

                if (problems.Count > 0 || clashes.Count > 0)
                {
                    continue;
                }

                batch.Add(entry.Asset);
                imported++;
                if (batch.Count == BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new List<InformationAsset>(BatchSize);
                }
            }

            if (problems.Count == 0 && clashes.Count == 0 && batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken);
            }

            batches.Complete();
            return new(imported, problems, clashes);
        }
        catch (Exception e)
        {
            batches.Complete(e);
            throw;
        }
    }
}
