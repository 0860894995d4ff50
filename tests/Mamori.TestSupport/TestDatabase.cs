using Mamori.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mamori.Tests.Support;

/// <summary>
/// A fresh database for one test: a SQLite file in a temp folder, or a new database on the
/// PostgreSQL server named by MAMORI_TEST_POSTGRES (the test script starts one on 127.0.0.1).
/// It is a copy of a template migrated once per test run (<see cref="DatabaseTemplates"/>),
/// so a test starts from the same schema MigrateAsync gives without paying for the migration.
/// Dropped afterwards, so tests never see each other's data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable, IDisposable
{
    public const string PostgresVariable = "MAMORI_TEST_POSTGRES";

    private readonly TempFiles? _files;
    private readonly string? _postgresName;
    private bool _disposed;

    private TestDatabase(MamoriDatabase database, TempFiles? files, string? postgresName)
    {
        Database = database;
        _files = files;
        _postgresName = postgresName;
    }

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    public MamoriDatabase Database { get; }

    public DatabaseOptions Options => Database.Options;

    /// <summary>A migrated database with nothing in it.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateAsync(provider, migrated: true);

    /// <summary>
    /// A database with no schema at all (an empty SQLite file name, an empty PostgreSQL database),
    /// for tests of what migrating or a first start does.
    /// </summary>
    public static Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider) => CreateAsync(provider, migrated: false);

    /// <summary>For constructors, which cannot await (a web host).</summary>
    public static TestDatabase Create(DatabaseProvider provider, bool migrated = true) =>
        Task.Run(() => CreateAsync(provider, migrated)).GetAwaiter().GetResult();

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrated)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var files = new TempFiles();
            var file = files.PathOf("mamori.db");
            if (migrated)
            {
                File.Copy(await DatabaseTemplates.SqliteFileAsync(), file);
            }

            return new(new MamoriDatabase(DatabaseOptions.ForSqliteFile(file)), files, null);
        }

        var name = $"mamori_test_{Guid.NewGuid():N}";
        var template = migrated ? $" TEMPLATE {await DatabaseTemplates.PostgresNameAsync()}" : "";
        await using (var admin = new NpgsqlConnection(AdminConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{template}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString()) { Database = name };
        return new(new MamoriDatabase(new DatabaseOptions(DatabaseProvider.Postgres, builder.ConnectionString)), null, name);
    }

    /// <summary>
    /// A new database holding what this one holds now (a copy of the SQLite file, a PostgreSQL
    /// <c>CREATE DATABASE … TEMPLATE</c>), for a fixture that is set up once and then copied for each test.
    /// Nothing may be connected to this database while it is copied: its pooled connections are closed first.
    /// </summary>
    public async Task<TestDatabase> CopyAsync()
    {
        if (_files is not null)
        {
            SqliteConnection.ClearPool(new SqliteConnection(Options.ConnectionString));
            SqliteConnection.ClearPool(new SqliteConnection(Options.Pooled().ConnectionString));
            var files = new TempFiles();
            var file = files.PathOf("mamori.db");
            File.Copy(Options.SqliteFile!, file);
            return new(new MamoriDatabase(DatabaseOptions.ForSqliteFile(file)), files, null);
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(Options.ConnectionString));
        var name = $"mamori_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {_postgresName}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString()) { Database = name };
        return new(new MamoriDatabase(new DatabaseOptions(DatabaseProvider.Postgres, builder.ConnectionString)), null, name);
    }

    /// <summary>The PostgreSQL server's connection string; failing loudly, never skipping, when it is not set.</summary>
    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./test, which starts a throwaway PostgreSQL on 127.0.0.1.");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_files is not null)
        {
            // A web host on this file pools its connections; nothing else may keep it open.
            SqliteConnection.ClearPool(new SqliteConnection(Options.ConnectionString));
            SqliteConnection.ClearPool(new SqliteConnection(Options.Pooled().ConnectionString));
            _files.Dispose();
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Options.ConnectionString));
            await using var admin = new NpgsqlConnection(AdminConnectionString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public void Dispose() => Task.Run(async () => await DisposeAsync()).GetAwaiter().GetResult();
}
