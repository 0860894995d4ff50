using Mamori.Data;
using Microsoft.Data.Sqlite;

namespace Mamori.Tests.Persistence;

public class A_new_SQLite_file : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mamori-file-").FullName;

    [Fact]
    public async Task Has_16_KB_pages_and_a_write_ahead_log()
    {
        var path = Path.Combine(_directory, "new.db");
        await new MamoriDatabase(DatabaseOptions.ForSqliteFile(path)).MigrateAsync();

        Assert.Equal((16_384L, "wal"), await PagesAndJournalAsync(path));
    }

    [Fact]
    public async Task Made_before_keeps_its_page_size_when_migrated()
    {
        var path = Path.Combine(_directory, "old.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "PRAGMA page_size = 4096; CREATE TABLE kept (a); DROP TABLE kept;";
            await create.ExecuteNonQueryAsync();
        }

        await new MamoriDatabase(DatabaseOptions.ForSqliteFile(path)).MigrateAsync();

        Assert.Equal((4_096L, "wal"), await PagesAndJournalAsync(path));
    }

    private static async Task<(long PageSize, string Journal)> PagesAndJournalAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        var pageSize = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA journal_mode";
        return (pageSize, (string)(await command.ExecuteScalarAsync())!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
