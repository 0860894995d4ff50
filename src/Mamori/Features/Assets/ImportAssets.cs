using System.Globalization;
using Mamori.Data;
using Mamori.Import;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Assets;

/// <summary>
/// Adds every row of a register file to an organization's assets, all or nothing:
/// a single bad cell, or an asset already registered, stores nothing.
/// </summary>
public static class ImportAssets
{
    public sealed record Result(int Imported, IReadOnlyList<ImportProblem> Problems)
    {
        public bool Succeeded => Problems.Count == 0;
    }

    public static async Task<Result> HandleAsync(
        MamoriDatabase database, Guid organizationId, string path, TimeProvider time, CancellationToken cancellationToken = default)
    {
        RegisterParseResult parsed;
        try
        {
            parsed = RegisterParser.Parse(path);
        }
        catch (UnreadableFileException e)
        {
            return new(0, [new ImportProblem(null, null, e.Message)]);
        }

        if (!parsed.IsValid)
        {
            return new(0, parsed.Problems);
        }

        await using var db = database.Open(organizationId);
        var existing = (await db.Assets.AsNoTracking()
                .Select(a => new { a.BusinessCategory, a.Name })
                .ToListAsync(cancellationToken))
            .Select(a => (a.BusinessCategory, a.Name))
            .ToHashSet();
        var clashes = parsed.Entries
            .Where(e => existing.Contains((e.BusinessCategory, e.Name)))
            .Select(e => new ImportProblem(
                e.RowNumber,
                null,
                string.Format(CultureInfo.CurrentCulture, Messages.AssetAlreadyRegistered, e.Name, e.BusinessCategory)))
            .ToList();
        if (clashes.Count > 0)
        {
            return new(0, clashes);
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.InsertNewAsync(parsed.Entries.Select(e => e.ToAsset(organizationId, today)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(parsed.Entries.Count, []);
    }
}
