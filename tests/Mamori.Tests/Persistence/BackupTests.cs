using Mamori.Data;
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

        var organization = Assert.Single(await ListOrganizations.HandleAsync(target.Database)).Organization;
        Assert.Equal((org.Id, "backup-co"), (organization.Id, organization.Slug));
        Assert.Equal(
            (await ListAssets.HandleAsync(source.Database, org.Id)).Select(a => (a.Id, a.Name, a.RiskValue)),
            (await ListAssets.HandleAsync(target.Database, org.Id)).Select(a => (a.Id, a.Name, a.RiskValue)));
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
}
