using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Archive;
using Mamori.Features.Audit;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Archive;

public class Migrating_an_installation_to_PostgreSQL : ArchiveTest
{
    [Fact]
    public async Task Copies_every_table_of_the_demo_installation_and_both_sides_verify()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedDemoAsync(source.Database);
        await CreateOrganizationAsync(source.Database, "second-co");
        await using (var accounts = source.Database.Open())
        {
            accounts.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-1", Xml = "<key id=\"1\" />" });
            await accounts.SaveChangesAsync();
        }

        await using var target = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Postgres);
        var result = await MigrateInstallation.HandleAsync(source.Options.SqliteFile!, target.Options.ConnectionString);
        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal(2, result.Organizations);

        // Row counts per table, counted again on both sides.
        await using var from = source.Database.Open();
        await using var to = target.Database.Open();
        foreach (var type in ArchiveTables.AllTypes(from.Model))
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{type.GetTableName()}\"";
            Assert.Equal(await from.Database.SqlQueryRaw<long>(sql).SingleAsync(), await to.Database.SqlQueryRaw<long>(sql).SingleAsync());
        }

        Assert.Contains(result.Tables, t => t.Name == "AspNetUsers" && t.Rows > 0);
        Assert.Contains(result.Tables, t => t.Name == "DataProtectionKeys" && t.Rows == 1);
        foreach (var organization in await to.Organizations.AsNoTracking().ToListAsync())
        {
            await using var db = target.Database.Open(organization.Id);
            var verified = await VerifyAuditLog.HandleAsync(db);
            Assert.True(verified.Intact, $"{organization.Slug}: {verified.Problem}");
            Assert.True(verified.Entries > 0);
        }

        // The same person signs in on the target: the password hash and security stamp came with the account.
        var before = await from.Users.AsNoTracking().SingleAsync(u => u.Email == "officer@example.jp");
        var after = await to.Users.AsNoTracking().SingleAsync(u => u.Email == "officer@example.jp");
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<MamoriUser>().VerifyHashedPassword(after, after.PasswordHash!, Password));

        // The database numbers the next data-protection key after the copied ones.
        to.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-2", Xml = "<key id=\"2\" />" });
        await to.SaveChangesAsync();
    }

    [Fact]
    public async Task Refuses_a_target_that_already_holds_data_and_writes_nothing()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await CreateOrganizationAsync(source.Database, "first-co");
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await CreateOrganizationAsync(target.Database, "already-here");

        var result = await MigrateInstallation.HandleAsync(source.Options.SqliteFile!, target.Options.ConnectionString);

        Assert.False(result.Succeeded);
        Assert.Contains("Organizations", result.Problem, StringComparison.Ordinal);
        Assert.Equal(["already-here"], (await ListOrganizations.ForSiteAdministratorAsync(target.Database)).Select(i => i.Organization.Slug));
    }
}
