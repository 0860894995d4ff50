using System.Diagnostics;
using System.Globalization;
using Mamori.Data;
using Mamori.Resources;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mamori.Features.Backup;

/// <summary>
/// Writes a consistent snapshot of the whole database to a file while the product keeps
/// running: SQLite's online backup for the embedded file, pg_dump for PostgreSQL.
/// </summary>
public static class BackupDatabase
{
    // Thirty seconds in all, as long as Microsoft.Data.Sqlite waits for a busy database elsewhere.
    private const int BusyAttempts = 150;
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(200);

    public sealed record Result(bool Succeeded, string? Problem);

    public static async Task<Result> HandleAsync(MamoriDatabase database, string outputPath, CancellationToken cancellationToken = default)
    {
        var output = Path.GetFullPath(outputPath);
        if (File.Exists(output))
        {
            return new(false, string.Format(CultureInfo.CurrentCulture, Messages.BackupTargetExists, output));
        }

        if (Path.GetDirectoryName(output) is { } directory && !Directory.Exists(directory))
        {
            return new(false, string.Format(CultureInfo.CurrentCulture, Messages.BackupDirectoryMissing, directory));
        }

        if (database.Options.Provider == DatabaseProvider.Postgres)
        {
            return await PostgresTools.RunAsync(
                "pg_dump", database.Options.ConnectionString, ["--format=custom", "--no-owner", $"--file={output}"], cancellationToken);
        }

        var file = database.Options.SqliteFile;
        if (file is null || !File.Exists(file))
        {
            return new(false, string.Format(CultureInfo.CurrentCulture, Messages.DatabaseFileMissing, file));
        }

        await using var source = new SqliteConnection(database.Options.ConnectionString);
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection($"Data Source={output};Pooling=False");
        await target.OpenAsync(cancellationToken);
        // The backup API copies a transactionally consistent image even while others write, but a step
        // can find the database busy for a moment (a checkpoint, statistics after an import): SQLite's
        // advice is to try again, and each try copies the whole image afresh.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                return new(true, null);
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED && attempt < BusyAttempts)
            {
                await Task.Delay(BusyPause, cancellationToken);
            }
        }
    }
}

/// <summary>Runs PostgreSQL's own client tools against the configured server.</summary>
internal static class PostgresTools
{
    public static async Task<BackupDatabase.Result> RunAsync(
        string tool, string connectionString, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--host={connection.Host}");
        start.ArgumentList.Add($"--port={connection.Port}");
        if (!string.IsNullOrEmpty(connection.Username))
        {
            start.ArgumentList.Add($"--username={connection.Username}");
        }

        start.ArgumentList.Add($"--dbname={connection.Database}");
        start.ArgumentList.Add("--no-password");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(connection.Password))
        {
            // Through the environment, never the command line, so it does not show in `ps`.
            start.Environment["PGPASSWORD"] = connection.Password;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(tool);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new(false, string.Format(CultureInfo.CurrentCulture, Messages.PostgresToolMissing, tool));
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0
                ? new(true, null)
                : new(false, string.Format(CultureInfo.CurrentCulture, Messages.PostgresToolFailed, tool, (await errors).Trim()));
        }
    }
}
