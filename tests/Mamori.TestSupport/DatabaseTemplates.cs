using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Mamori.Tests.Support;

/// <summary>
/// One migrated database per provider and per schema, which every test database is copied from:
/// a SQLite file in the temp folder, a PostgreSQL database that <c>CREATE DATABASE … TEMPLATE</c>
/// clones. Its name carries a hash of the provider's whole migration script, so a changed
/// migration gets a template of its own and a stale one is never used. Test projects run at
/// the same time (and on a developer's machine, several worktrees share one server): the first
/// builds the template under a lock (a file lock, a PostgreSQL advisory lock) under another
/// name and renames it when it is complete; the others wait for it and use it.
/// </summary>
public static class DatabaseTemplates
{
    /// <summary>Raised when what MigrateAsync does besides the migrations changes in a way a template must follow.</summary>
    private const string Version = "1";

    /// <summary>Key of the advisory lock the template builders take (any fixed number; "mamori" in ASCII).</summary>
    private const long PostgresLock = 0x6d616d6f7269;

    private static readonly Lazy<Task<string>> Sqlite = new(() => Task.Run(BuildSqliteAsync));
    private static readonly Lazy<Task<string>> Postgres = new(() => Task.Run(BuildPostgresAsync));

    /// <summary>The template SQLite file: copy it, never open it.</summary>
    public static Task<string> SqliteFileAsync() => Sqlite.Value;

    /// <summary>The template database on the test PostgreSQL server, for <c>CREATE DATABASE x TEMPLATE name</c>.</summary>
    public static Task<string> PostgresNameAsync() => Postgres.Value;

    private static async Task<string> BuildSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mamori-test-templates");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"sqlite-{SchemaHash(DatabaseProvider.Sqlite)}.db");
        if (File.Exists(file))
        {
            return file;
        }

        await using var fileLock = await LockAsync(Path.Combine(folder, "sqlite.lock"));
        if (File.Exists(file))
        {
            return file;
        }

        var building = Path.Combine(folder, $"building-{Guid.NewGuid():N}.db");
        var options = DatabaseOptions.ForSqliteFile(building);
        await new MamoriDatabase(options).MigrateAsync();
        // Everything into the file itself, so that a copy of the file alone is the whole database.
        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        File.Delete(building + "-wal");
        File.Delete(building + "-shm");
        File.Move(building, file);
        return file;
    }

    private static async Task<string> BuildPostgresAsync()
    {
        var name = $"mamori_template_{SchemaHash(DatabaseProvider.Postgres)}";
        // Not pooled: a pooled connection left open on the template would stop every clone of it.
        var admin = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString()) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({PostgresLock})");
        try
        {
            await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection))
            {
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! > 0)
                {
                    return name;
                }
            }

            var building = name + "_building";
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)");
            await ExecuteAsync(connection, $"CREATE DATABASE {building}");
            var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = building };
            await new MamoriDatabase(new DatabaseOptions(DatabaseProvider.Postgres, target.ConnectionString)).MigrateAsync();
            // Renamed only when complete; and no one may connect to it, since a session on a template stops its cloning.
            await ExecuteAsync(connection, $"ALTER DATABASE {building} RENAME TO {name}");
            await ExecuteAsync(connection, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
            return name;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({PostgresLock})");
        }
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the provider's full migration script.</summary>
    private static string SchemaHash(DatabaseProvider provider)
    {
        var options = provider == DatabaseProvider.Sqlite
            ? DatabaseOptions.ForSqliteFile(Path.Combine(Path.GetTempPath(), "mamori-unused.db"))
            : new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused");
        using var db = new MamoriDatabase(options).Open();
        var script = db.GetService<IMigrator>().GenerateScript();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Version + "\n" + script));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An exclusive lock on <paramref name="path"/>, held until disposed, shared with other processes.</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(100);
            }
        }
    }
}
