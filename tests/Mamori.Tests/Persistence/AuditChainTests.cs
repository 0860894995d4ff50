using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Features.Audit;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

/// <summary>
/// The audit log is a hash chain per organization: tampering with the table directly (as
/// someone with database access could) is reported at the first entry it touched.
/// </summary>
public class Audit_log_tampering : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_untouched_log_verifies_with_every_entry_counted(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeededAsync(test);

        var result = await VerifyAsync(test, org);

        Assert.Null(result.Problem);
        Assert.Equal(4, result.Entries);
        var entries = await EntriesAsync(test, org);
        Assert.Equal([1L, 2, 3, 4], entries.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[^1].Hash, result.HeadHash);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_entry_is_reported_by_its_id_and_time(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeededAsync(test);
        var target = (await EntriesAsync(test, org))[1];

        await SqlAsync(test, org, """UPDATE "AuditEntries" SET "Actor" = 'someone-else' WHERE "Sequence" = 2 AND "OrganizationId" = {0}""");

        var problem = (await VerifyAsync(test, org)).Problem;
        Assert.NotNull(problem);
        Assert.Equal((VerifyAuditLog.Breach.Changed, target.Id, 2L, target.At), (problem.Kind, problem.EntryId, problem.Sequence, problem.At));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_entry_inserted_in_the_middle_is_reported(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeededAsync(test);
        var copied = (await EntriesAsync(test, org))[1];
        var forged = Guid.NewGuid();

        // Make room at 3 the way a forger would, then copy entry 2 there as a new row.
        await SqlAsync(test, org, """UPDATE "AuditEntries" SET "Sequence" = "Sequence" + 10 WHERE "Sequence" >= 3 AND "OrganizationId" = {0}""");
        await SqlAsync(test, org, """UPDATE "AuditEntries" SET "Sequence" = "Sequence" - 9 WHERE "Sequence" >= 13 AND "OrganizationId" = {0}""");
        await using (var db = test.Database.Open(org.Id))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditEntries" ("Id", "OrganizationId", "At", "Actor", "Action", "EntityType", "EntityId", "Before", "After", "Sequence", "PreviousHash", "Hash")
                VALUES ({forged}, {org.Id}, {copied.At}, {copied.Actor}, {(int)copied.Action}, {copied.EntityType}, {copied.EntityId}, {copied.Before}, {copied.After}, {3L}, {copied.Hash}, {copied.Hash})
                """);
        }

        var problem = (await VerifyAsync(test, org)).Problem;
        Assert.NotNull(problem);
        Assert.Equal((VerifyAuditLog.Breach.Inserted, forged, 3L), (problem.Kind, problem.EntryId, problem.Sequence));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_deleted_entry_is_reported_with_the_missing_sequence_and_the_entry_after_it(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeededAsync(test);
        var after = (await EntriesAsync(test, org))[2];

        await SqlAsync(test, org, """DELETE FROM "AuditEntries" WHERE "Sequence" = 2 AND "OrganizationId" = {0}""");

        var problem = (await VerifyAsync(test, org)).Problem;
        Assert.NotNull(problem);
        Assert.Equal(
            (VerifyAuditLog.Breach.Deleted, after.Id, 3L, (long?)2, (long?)2),
            (problem.Kind, problem.EntryId, problem.Sequence, problem.MissingFrom, problem.MissingTo));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_organizations_log_is_not_affected_by_tampering(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var tampered = await SeededAsync(test);
        var other = await CreateOrganizationAsync(test.Database, "other-co");
        await AddSeedAssetsAsync(test, other);

        await SqlAsync(test, tampered, """DELETE FROM "AuditEntries" WHERE "Sequence" = 1 AND "OrganizationId" = {0}""");

        Assert.NotNull((await VerifyAsync(test, tampered)).Problem);
        var untouched = await VerifyAsync(test, other);
        Assert.Null(untouched.Problem);
        Assert.Equal(4, untouched.Entries);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Writers_saving_at_the_same_time_extend_one_chain_without_forking_it(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "busy-co");
        const int writers = 8;
        const int savesEach = 5;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var s = 0; s < savesEach; s++)
            {
                await using var db = test.Database.Open(org.Id);
                db.Assets.Add(new InformationAsset(org.Id, $"資産{w}-{s}", Rating.From(1), Rating.From(2), Rating.From(3)));
                await db.SaveChangesAsync();
            }
        })));

        var result = await VerifyAsync(test, org);
        Assert.Null(result.Problem);
        Assert.Equal(1 + (writers * savesEach), result.Entries);
        Assert.Equal(Enumerable.Range(1, 1 + (writers * savesEach)).Select(i => (long)i), (await EntriesAsync(test, org)).Select(e => e.Sequence));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_kept_by_an_import_and_removed_is_reported_with_the_imports_entry(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeededAsync(test);
        Assert.True((await Mamori.Features.Assets.ImportAssets.HandleAsync(
            test.Database, org.Id, Files.Csv("more.csv", "業務分類,情報資産名称,機密性,完全性,可用性\n総務,備品台帳,1,1,1\n"), Time)).Succeeded);
        var import = (await EntriesAsync(test, org)).Single(e => e.EntityType == nameof(RegisterImport));
        Assert.Null((await VerifyAsync(test, org)).Problem);

        await SqlAsync(test, org, """DELETE FROM "RegisterImports" WHERE "OrganizationId" = {0}""");

        var result = await VerifyAsync(test, org);
        Assert.Equal((VerifyAuditLog.Breach.FileChanged, import.Id, import.Sequence), (result.Problem!.Kind, result.Problem.EntryId, result.Problem.Sequence));
    }

    private async Task<Organization> SeededAsync(TestDatabase test)
    {
        var org = await CreateOrganizationAsync(test.Database, "audit-co");
        await AddSeedAssetsAsync(test, org);
        return org;
    }

    /// <summary>The seed's three assets saved one by one through the change tracker: three entries after the organization's own.</summary>
    private async Task AddSeedAssetsAsync(TestDatabase test, Organization org)
    {
        var today = DateOnly.FromDateTime(Time.GetLocalNow().DateTime);
        await using var db = test.Database.Open(org.Id);
        db.Assets.AddRange(Mamori.Import.RegisterParser.Parse(Files.Csv("seed.csv", SeedRegister.Csv())).Entries.Select(e => e.ToAsset(org.Id, today)));
        await db.SaveChangesAsync();
    }

    private static async Task<VerifyAuditLog.Result> VerifyAsync(TestDatabase test, Organization org)
    {
        await using var db = test.Database.Open(org.Id);
        return await VerifyAuditLog.HandleAsync(db);
    }

    private static async Task<List<AuditEntry>> EntriesAsync(TestDatabase test, Organization org)
    {
        await using var db = test.Database.Open(org.Id);
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task SqlAsync(TestDatabase test, Organization org, string sql)
    {
        await using var db = test.Database.Open(org.Id);
        Assert.NotEqual(0, await db.Database.ExecuteSqlRawAsync(sql, org.Id));
    }
}
