using System.Globalization;
using Mamori.Data;
using Mamori.Resources;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Backup;

/// <summary>
/// Replaces the whole database with a backup taken by <see cref="BackupDatabase"/>. It
/// refuses to overwrite a database that holds organizations unless told to, and refuses a
/// file that is not a Mamori backup or comes from a newer version.
/// </summary>
public static class RestoreDatabase
{
    public static async Task<BackupDatabase.Result> HandleAsync(
        MamoriDatabase database, string backupPath, bool overwrite, CancellationToken cancellationToken = default)
    {
        var backup = Path.GetFullPath(backupPath);
        if (!File.Exists(backup))
        {
            return new(false, string.Format(CultureInfo.CurrentCulture, Messages.FileNotFound, backup));
        }

        await database.MigrateAsync(cancellationToken);
        if (!overwrite)
        {
            await using var db = database.Open();
            if (await db.Organizations.AnyAsync(cancellationToken))
            {
                return new(false, Messages.RestoreWouldOverwrite);
            }
        }

        if (database.Options.Provider == DatabaseProvider.Postgres)
        {
            var result = await PostgresTools.RunAsync(
                "pg_restore", database.Options.ConnectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", backup], cancellationToken);
            if (result.Succeeded)
            {
                await database.MigrateAsync(cancellationToken);
            }

            return result;
        }

        var problem = await CheckSqliteBackupAsync(database, backup, cancellationToken);
        if (problem is not null)
        {
            return new(false, problem);
        }

        await using (var source = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False"))
        {
            await source.OpenAsync(cancellationToken);
            await using var target = new SqliteConnection(database.Options.ConnectionString);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }

        // A backup from an older version is brought up to this version's schema.
        await database.MigrateAsync(cancellationToken);
        return new(true, null);
    }

    private static async Task<string?> CheckSqliteBackupAsync(MamoriDatabase database, string backup, CancellationToken cancellationToken)
    {
        HashSet<string> known;
        await using (var db = database.Open())
        {
            known = new HashSet<string>(db.Database.GetMigrations());
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var applied = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }

            return applied.Count == 0 ? Messages.RestoreNotABackup
                : applied.Any(m => !known.Contains(m)) ? Messages.RestoreFromNewerVersion
                : null;
        }
        catch (SqliteException)
        {
            return Messages.RestoreNotABackup;
        }
    }
}
