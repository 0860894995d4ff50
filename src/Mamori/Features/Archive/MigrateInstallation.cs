using System.Globalization;
using Mamori.Data;
using Mamori.Features.Audit;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Features.Archive;

/// <summary>
/// Moves a whole installation from its embedded SQLite file to an empty PostgreSQL database: every table of the
/// model (accounts with their password hashes and security stamps, memberships, tokens, invitations,
/// data-protection keys, every organization with its audit log), in the order of their foreign keys, in one
/// transaction on the target. Before the commit each table's row count is compared with the source's and each
/// organization's audit chain is verified on the target; any difference rolls everything back.
/// The source file is only read.
/// </summary>
public static class MigrateInstallation
{
    public sealed record Table(string Name, long Rows);

    public sealed record Result(IReadOnlyList<Table> Tables, int Organizations, string? Problem)
    {
        public bool Succeeded => Problem is null;
    }

    public static async Task<Result> HandleAsync(string sqliteFile, string postgresConnection, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(sqliteFile))
        {
            return Refused(Format(ArchiveText.MigrateSourceMissing, sqliteFile));
        }

        if (!postgresConnection.Contains('=', StringComparison.Ordinal))
        {
            return Refused(ArchiveText.MigrateTargetNotPostgres);
        }

        var source = new MamoriDatabase(DatabaseOptions.ForSqliteFile(sqliteFile));
        await using var from = source.Open();
        if ((await from.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return Refused(Format(ArchiveText.MigrateSourceBehind, sqliteFile));
        }

        var target = new MamoriDatabase(new DatabaseOptions(DatabaseProvider.Postgres, postgresConnection));
        await target.MigrateAsync(cancellationToken);
        await using var to = target.Open();
        var types = ArchiveTables.AllTypes(to.Model);
        foreach (var type in types)
        {
            if (await CountAsync(to, type, cancellationToken) > 0)
            {
                return Refused(Format(ArchiveText.MigrateTargetNotEmpty, type.GetTableName()));
            }
        }

        // One moment of the source, all of it or nothing on the target.
        await using var reading = await from.Database.BeginTransactionAsync(cancellationToken);
        await using var writing = await to.Database.BeginTransactionAsync(cancellationToken);
        var tables = new List<Table>();
        foreach (var type in types)
        {
            var rows = await ArchiveTables.ReadAsync(from, type, null, cancellationToken);
            await ArchiveTables.WriteAsync(to, type, rows, cancellationToken);
            await ContinueKeySequenceAsync(to, type, rows.Count, cancellationToken);
            tables.Add(new Table(type.GetTableName()!, rows.Count));
        }

        foreach (var (type, table) in types.Zip(tables))
        {
            if (await CountAsync(to, type, cancellationToken) is var copied && copied != table.Rows)
            {
                return Refused(Format(ArchiveText.MigrateCountMismatch, table.Name, copied, table.Rows));
            }
        }

        var organizations = await to.Organizations.AsNoTracking().Select(o => new { o.Id, o.Slug }).ToListAsync(cancellationToken);
        foreach (var organization in organizations)
        {
            await using var db = await target.OpenInTransactionAsync(to, organization.Id, cancellationToken: cancellationToken);
            if ((await VerifyAuditLog.HandleAsync(db, cancellationToken)).Problem is { } problem)
            {
                return Refused(Format(ArchiveText.MigrateChainBroken, organization.Slug, problem.Sequence));
            }
        }

        await writing.CommitAsync(cancellationToken);
        return new(tables, organizations.Count, null);
    }

    private static Result Refused(string problem) => new([], 0, problem);

    private static Task<long> CountAsync(MamoriDb db, IEntityType type, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM {QuotedTable(type)}";
        return db.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// A key the database numbers itself (the data-protection keys, Identity's claims) was copied with its numbers:
    /// its sequence goes on after the highest, so the next row added on the target does not take a copied number.
    /// </summary>
    private static async Task ContinueKeySequenceAsync(MamoriDb db, IEntityType type, int rows, CancellationToken cancellationToken)
    {
        if (rows == 0 || type.FindPrimaryKey()!.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key]
            || (key.ClrType != typeof(int) && key.ClrType != typeof(long)))
        {
            return;
        }

        var column = key.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!;
        var table = QuotedTable(type);
        // Names are the model's own, not input.
        var sql = $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), (SELECT MAX(\"{column}\") FROM {table}))";
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    private static string QuotedTable(IEntityType type) =>
        type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"";

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}
