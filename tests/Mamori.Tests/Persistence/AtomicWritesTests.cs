using Mamori.Domain;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Mamori.Features.Audit;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.Soa;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

/// <summary>
/// Each use case that writes several documents commits once. The failure is injected after the
/// database has run the failing command, with earlier documents already saved in the same
/// transaction, so only a rollback of the whole can leave the counts as they were.
/// </summary>
public class A_failure_in_the_middle_of_a_multi_document_write : PersistenceTest
{
    private const string DocumentInsert = "INSERT INTO \"PolicyDocuments\"";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_Lv1_standard_behind(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "lv1");
        var standards = await GeneratedAsync(test.Database, org, "ransomware", "insider");
        var failure = new FailingCommand(DocumentInsert, occurrence: 3);

        await FailsAsync(test.Database, org, failure, db => AdoptStandards.HandleAsync(db, officer, standards, "佐藤", Time.GetUtcNow()));

        await using var again = Open(test.Database, org);
        Assert.True((await AdoptStandards.HandleAsync(again, officer, standards, "佐藤", Time.GetUtcNow()))!.Count >= 3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_Lv2_chapter_behind(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "lv2");
        var quick = await GeneratedAsync(test.Database, org, "ransomware");
        await using (var db = Open(test.Database, org))
        {
            await AdoptStandards.HandleAsync(db, officer, quick, "佐藤", Time.GetUtcNow());
        }

        // The last step rewrites the Lv.1 standard's draft, after every chapter has been saved.
        var failure = new FailingCommand("UPDATE \"DocumentVersions\"");

        await FailsAsync(test.Database, org, failure, db => AdoptRules.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese));

        await using var again = Open(test.Database, org);
        Assert.Equal(10, (await AdoptRules.HandleAsync(again, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese))!.Chapters.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_control_standard_behind(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "soa");
        string[] controls = ["7.5", "7.6", "7.7", "7.8"];
        await using (var db = Open(test.Database, org))
        {
            foreach (var control in controls)
            {
                await DecideControl.HandleAsync(db, officer, org, new(control, Applicability.Applicable, "必要", ImplementationStatus.Planned, null, null), "佐藤", Time.GetUtcNow());
            }
        }

        var failure = new FailingCommand(DocumentInsert, occurrence: 3);

        await FailsAsync(test.Database, org, failure, db => GenerateControlStandards.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese));

        await using var again = Open(test.Database, org);
        Assert.Equal(controls.Length, (await GenerateControlStandards.HandleAsync(again, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese))!.Created.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_part_of_the_policy_set_start_behind(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "start");
        // The roles and the 基本方針 are saved before its first version, in the same commit.
        var failure = new FailingCommand("INSERT INTO \"DocumentVersions\"");

        await FailsAsync(test.Database, org, failure, db => StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow()));

        await using var db = Open(test.Database, org);
        Assert.Empty(await db.PolicyRoles.ToListAsync());
        Assert.True(await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow()));
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a database that fails where <paramref name="failure"/> says,
    /// and checks that it failed there and left no document, version, role or audit entry.
    /// </summary>
    private async Task FailsAsync<T>(MamoriDatabase database, Organization org, FailingCommand failure, Func<MamoriDb, Task<T>> write)
    {
        var before = await CountsAsync(database, org);
        var failing = new MamoriDatabase(database.Options with { Interceptors = [failure] });

        await using (var db = Open(failing, org))
        {
            var thrown = await Record.ExceptionAsync(() => write(db));
            Assert.True(InjectedFailure.IsIn(thrown), $"Expected the injected failure, got {thrown}");
        }

        Assert.True(failure.Failed);
        Assert.Equal(before, await CountsAsync(database, org));
        await using var check = Open(database, org);
        Assert.True((await VerifyAuditLog.HandleAsync(check)).Intact);
    }

    private async Task<(int Documents, int Versions, int Roles, int Audit)> CountsAsync(MamoriDatabase database, Organization org)
    {
        await using var db = Open(database, org);
        return (await db.PolicyDocuments.CountAsync(), await db.DocumentVersions.CountAsync(), await db.PolicyRoles.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private MamoriDb Open(MamoriDatabase database, Organization org) => database.Open(org.Id, new Actor("tester", Time));

    private async Task<(Organization, Membership)> StartedAsync(MamoriDatabase database, string slug)
    {
        var org = await CreateOrganizationAsync(database, slug);
        await using var db = Open(database, org);
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        return (org, new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer));
    }

    private async Task<List<GenerateStandards.GeneratedStandard>> GeneratedAsync(MamoriDatabase database, Organization org, params string[] topics)
    {
        await using var db = Open(database, org);
        var roles = await db.PolicyRoles.ToListAsync();
        return [.. topics.Select(t => GenerateStandards.Generate(t, org, roles, GenerateStandards.Edits.None, Language.Japanese))];
    }
}
