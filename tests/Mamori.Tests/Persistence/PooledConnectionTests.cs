using Mamori.Data;
using Mamori.Features.Assets;
using Mamori.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

/// <summary>The server pools its SQLite connections; the CLI and restore do not.</summary>
public class Pooled_server_connections : PersistenceTest
{
    [Fact]
    public void Turn_pooling_on_for_the_same_sqlite_file_only()
    {
        using var files = new TempFiles();
        var file = DatabaseOptions.ForSqliteFile(files.PathOf("mamori.db"));

        var pooled = file.Pooled();

        Assert.False(new SqliteConnectionStringBuilder(file.ConnectionString).Pooling);
        Assert.True(new SqliteConnectionStringBuilder(pooled.ConnectionString).Pooling);
        Assert.Equal(file.SqliteFile, pooled.SqliteFile);
        var postgres = new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=mamori");
        Assert.Equal(postgres, postgres.Pooled());
    }

    [Fact]
    public async Task Keep_write_ahead_logging_and_every_organizations_isolation()
    {
        var database = new MamoriDatabase(DatabaseOptions.ForSqliteFile(Files.PathOf("mamori.db")).Pooled());
        try
        {
            await database.MigrateAsync();
            var first = await CreateOrganizationAsync(database, "first");
            var second = await CreateOrganizationAsync(database, "second");

            Assert.True((await ImportSeedAsync(database, first)).Succeeded);

            // The pooled connection the import used serves the next contexts, each confined to its organization.
            Assert.Equal(3, (await ListAssets.HandleAsync(database, first.Id)).Count);
            Assert.Empty(await ListAssets.HandleAsync(database, second.Id));
            await using var db = database.Open(second.Id);
            Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
