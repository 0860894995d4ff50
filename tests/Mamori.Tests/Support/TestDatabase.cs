using Mamori.Data;
using Npgsql;

namespace Mamori.Tests.Support;

/// <summary>
/// A fresh, empty, migrated database for one test: a SQLite file in a temp folder, or a new
/// database on the PostgreSQL server named by MAMORI_TEST_POSTGRES (the test script starts
/// one on 127.0.0.1). Dropped afterwards, so tests never see each other's data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "MAMORI_TEST_POSTGRES";

    private readonly TempFiles? _files;
    private readonly string? _postgresName;

    private TestDatabase(MamoriDatabase database, TempFiles? files, string? postgresName)
    {
        Database = database;
        _files = files;
        _postgresName = postgresName;
    }

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    public MamoriDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase test;
        if (provider == DatabaseProvider.Sqlite)
        {
            var files = new TempFiles();
            test = new(new MamoriDatabase(DatabaseOptions.ForSqliteFile(files.PathOf("mamori.db"))), files, null);
        }
        else
        {
            var name = $"mamori_test_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(AdminConnectionString()))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString()) { Database = name };
            test = new(new MamoriDatabase(new DatabaseOptions(DatabaseProvider.Postgres, builder.ConnectionString)), null, name);
        }

        await test.Database.MigrateAsync();
        return test;
    }

    /// <summary>The PostgreSQL server's connection string; failing loudly, never skipping, when it is not set.</summary>
    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./test, which starts a throwaway PostgreSQL on 127.0.0.1.");

    public async ValueTask DisposeAsync()
    {
        _files?.Dispose();
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(AdminConnectionString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
