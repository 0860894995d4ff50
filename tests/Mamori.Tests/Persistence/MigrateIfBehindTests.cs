using System.Data.Common;
using Mamori.Data;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Mamori.Tests.Persistence;

/// <summary>How every CLI command opens its database (<see cref="MamoriDatabase.MigrateIfBehindAsync"/>).</summary>
public class Opening_the_database_for_a_command
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrates_a_database_that_does_not_exist_yet(DatabaseProvider provider)
    {
        using var files = new TempFiles();
        var name = $"mamori_test_{Guid.NewGuid():N}";
        var options = provider == DatabaseProvider.Sqlite
            ? DatabaseOptions.ForSqliteFile(files.PathOf("new.db"))
            : new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString()) { Database = name }.ConnectionString);
        try
        {
            var database = new MamoriDatabase(options);
            await database.MigrateIfBehindAsync();

            await using var db = database.Open();
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString());
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_the_migrations_alone_when_the_database_is_at_the_last_one(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var commands = new CommandCounter();
        var database = new MamoriDatabase(test.Database.Options with { Interceptors = [commands] });

        await database.MigrateIfBehindAsync();
        var whenCurrent = commands.Count;
        await database.MigrateAsync();

        Assert.Equal(0, whenCurrent);
        Assert.NotEqual(0, commands.Count);
    }

    /// <summary>Counts the commands EF sends (migrating sends several even when nothing is pending).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return ValueTask.FromResult(result);
        }
    }
}
