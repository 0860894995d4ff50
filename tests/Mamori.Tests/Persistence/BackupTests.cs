using System.Data.Common;
using System.Globalization;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Mamori.Features.Policies;
using Mamori.Features.Soa;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Mamori.Features.Assets;
using Mamori.Features.Backup;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;

namespace Mamori.Tests.Persistence;

public class Backup_and_restore : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Round_trip_into_an_empty_database(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(source.Database, "backup-co");
        await ImportSeedAsync(source.Database, org);
        var backup = Files.PathOf("mamori.backup");

        var written = await BackupDatabase.HandleAsync(source.Database, backup);
        Assert.True(written.Succeeded, written.Problem);

        await using var target = await TestDatabase.CreateAsync(provider);
        var restored = await RestoreDatabase.HandleAsync(target.Database, backup, overwrite: false);
        Assert.True(restored.Succeeded, restored.Problem);

        var organization = Assert.Single(await ListOrganizations.ForSiteAdministratorAsync(target.Database)).Organization;
        Assert.Equal((org.Id, "backup-co"), (organization.Id, organization.Slug));
        Assert.Equal(
            (await ListAssets.HandleAsync(source.Database, org.Id)).Select(a => (a.Id, a.Name, a.RiskValue)),
            (await ListAssets.HandleAsync(target.Database, org.Id)).Select(a => (a.Id, a.Name, a.RiskValue)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restored_into_an_empty_database_every_table_holds_the_same_rows_and_columns(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(source.Database, "every-table");
        await ImportSeedAsync(source.Database, org);
        await FillEveryKindOfRowAsync(source.Database, org);
        var backup = Files.PathOf("mamori.backup");
        Assert.True((await BackupDatabase.HandleAsync(source.Database, backup)).Succeeded);

        await using var target = await TestDatabase.CreateAsync(provider);
        var restored = await RestoreDatabase.HandleAsync(target.Database, backup, overwrite: false);
        Assert.True(restored.Succeeded, restored.Problem);

        var before = await DumpAsync(source.Database);
        var after = await DumpAsync(target.Database);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (table, rows) in before)
        {
            Assert.True(rows.SequenceEqual(after[table]), $"table {table} differs after the restore");
        }

        // The comparison means something only if the tables hold rows of every kind.
        string[] filled = ["Organizations", "Assets", "AuditEntries", "PolicyDocuments", "DocumentVersions", "PolicyRoles", "SoaEntries", "SoaEvidenceFiles", "AspNetUsers", "Memberships", "DataProtectionKeys"];
        Assert.All(filled, table => Assert.NotEmpty(before[table]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restore_refuses_to_overwrite_data_unless_forced(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "keep-me");
        var backup = Files.PathOf("mamori.backup");
        Assert.True((await BackupDatabase.HandleAsync(test.Database, backup)).Succeeded);
        await ImportSeedAsync(test.Database, org);

        var refused = await RestoreDatabase.HandleAsync(test.Database, backup, overwrite: false);
        Assert.False(refused.Succeeded);
        Assert.Equal(3, (await ListAssets.HandleAsync(test.Database, org.Id)).Count);

        var forced = await RestoreDatabase.HandleAsync(test.Database, backup, overwrite: true);
        Assert.True(forced.Succeeded, forced.Problem);
        Assert.Empty(await ListAssets.HandleAsync(test.Database, org.Id));
    }

    [Fact]
    public async Task Backup_of_SQLite_waits_while_another_connection_holds_the_file_and_then_copies_it()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(source.Database, "busy-co");
        var backup = Files.PathOf("busy.backup");
        // A connection in exclusive locking mode keeps the file locked after its transaction, so
        // every step of the backup finds the database busy until that connection lets go.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={source.Database.Options.SqliteFile};Pooling=False");
        await holder.OpenAsync();
        await using (var hold = holder.CreateCommand())
        {
            hold.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;";
            await hold.ExecuteNonQueryAsync();
        }

        // Opening SQLite connections completes at once, so the call returns only after its first copy
        // found the file busy: a backup that gave up, or did not need the lock, would be complete here.
        var writing = BackupDatabase.HandleAsync(source.Database, backup);
        Assert.False(writing.IsCompleted, "the backup should wait for the lock, not finish or fail");
        Assert.True(File.Exists(backup), "the backup has not started copying");
        // In WAL mode an exclusive connection keeps its lock until it closes.
        await holder.CloseAsync();

        var written = await writing;

        Assert.True(written.Succeeded, written.Problem);
        await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup};Pooling=False;Mode=ReadOnly");
        await copy.OpenAsync();
        await using var read = copy.CreateCommand();
        read.CommandText = "SELECT \"Slug\" FROM \"Organizations\"";
        Assert.Equal("busy-co", await read.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Backup_never_overwrites_an_existing_file()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var existing = Files.Csv("existing.db", "precious");

        var result = await BackupDatabase.HandleAsync(test.Database, existing);

        Assert.False(result.Succeeded);
        Assert.Equal("precious", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_Mamori_backup()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await RestoreDatabase.HandleAsync(test.Database, Files.Csv("notes.txt", "hello"), overwrite: true);

        Assert.False(result.Succeeded);
        Assert.Contains("バックアップではありません", result.Problem, StringComparison.Ordinal);
    }

    private async Task FillEveryKindOfRowAsync(MamoriDatabase database, Domain.Organizations.Organization org)
    {
        var user = new MamoriUser { UserName = "officer@example.jp", Email = "officer@example.jp", DisplayName = "情報 太郎" };
        await using (var accounts = database.Open())
        {
            accounts.Users.Add(user);
            accounts.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-1", Xml = "<key id=\"1\" />" });
            await accounts.SaveChangesAsync();
        }

        await using var db = database.Open(org.Id);
        var membership = new Membership(org.Id, user.Id, MemberRole.Administrator);
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
        Assert.True(await StartPolicySet.HandleAsync(db, org, "情報 太郎", Language.Japanese, Time.GetUtcNow()));
        var (status, _) = await DecideControl.HandleAsync(
            db, membership, org, new("5.1", Applicability.Applicable, "基本方針で定める", ImplementationStatus.Planned, "情報 太郎", "規程集"), "情報 太郎", Time.GetUtcNow());
        Assert.Equal(Features.SaveStatus.Saved, status);
        db.SoaEvidenceFiles.Add(new SoaEvidenceFile(org.Id, "5.1", "方針.pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF], Time.GetUtcNow(), "情報 太郎"));
        await db.SaveChangesAsync();
    }

    /// <summary>Every table the database holds, each as its rows (every column, as invariant text) in a stable order.</summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(MamoriDatabase database)
    {
        await using var db = database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Options.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new Dictionary<string, List<string>>();
        foreach (var table in tables.Where(t => t != "__EFMigrationsLock"))
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("\u241F", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader, i)}")));
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }

        return dump;
    }

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "NULL" : reader.GetValue(column) switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString() ?? "",
    };
}
