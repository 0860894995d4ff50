using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Mamori.Features.Assets;
using Mamori.Features.Audit;
using Mamori.Features.Risks;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

/// <summary>
/// A delete removes its dependants through the application, so the audit log has one entry per
/// row: a database cascade would remove them without one.
/// </summary>
public class Deleting_an_asset : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Removes_its_scenarios_with_an_audit_entry_each_and_keeps_their_tasks_unlinked(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await WorldAsync(test.Database);
        var officer = new Membership(world.Org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);

        await using (var db = Open(test.Database, world.Org))
        {
            var result = await DeleteAsset.HandleAsync(db, officer, world.Asset);
            Assert.Equal(DeleteAsset.Outcome.Deleted, result.Outcome);
        }

        await using var check = Open(test.Database, world.Org);
        Assert.False(await check.Assets.AnyAsync(a => a.Id == world.Asset));
        Assert.Equal([world.Other], await check.RiskScenarios.Select(s => s.Id).ToListAsync());
        var task = await check.TreatmentTasks.SingleAsync(t => t.Id == world.Task);
        Assert.Null(task.RiskScenarioId);
        Assert.Equal(world.OtherTaskScenario, (await check.TreatmentTasks.SingleAsync(t => t.Id == world.OtherTask)).RiskScenarioId);
        var entries = await AfterSetupAsync(check, world);
        (AuditAction, string, string)[] expected =
        [
            .. world.Scenarios.Select(s => (AuditAction.Deleted, "RiskScenario", s.ToString())),
            (AuditAction.Deleted, "InformationAsset", world.Asset.ToString()),
            (AuditAction.Updated, "TreatmentTask", world.Task.ToString()),
        ];
        Assert.Equal(expected.Order(), entries.Select(e => (e.Action, e.EntityType, e.EntityId)).Order());
        Assert.True((await VerifyAuditLog.HandleAsync(check)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_refused_to_a_department_manager_while_it_has_scenarios_which_the_refusal_names(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await WorldAsync(test.Database);
        var manager = new Membership(world.Org.Id, Guid.NewGuid().ToString(), MemberRole.DepartmentManager) { Department = "営業部" };

        await using (var db = Open(test.Database, world.Org))
        {
            var result = await DeleteAsset.HandleAsync(db, manager, world.Asset);

            Assert.Equal(DeleteAsset.Outcome.HasScenarios, result.Outcome);
            Assert.Contains("盗難による情報漏えい", result.Problem!, StringComparison.Ordinal);
            Assert.Contains("USBメモリの紛失", result.Problem!, StringComparison.Ordinal);
            Assert.Contains("2 件", result.Problem!, StringComparison.Ordinal);
        }

        await using var check = Open(test.Database, world.Org);
        Assert.True(await check.Assets.AnyAsync(a => a.Id == world.Asset));
        Assert.Equal(3, await check.RiskScenarios.CountAsync());
        Assert.Empty(await AfterSetupAsync(check, world));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_allowed_to_a_department_manager_once_it_has_no_scenarios(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await WorldAsync(test.Database);
        var manager = new Membership(world.Org.Id, Guid.NewGuid().ToString(), MemberRole.DepartmentManager) { Department = "営業部" };
        var officer = new Membership(world.Org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = Open(test.Database, world.Org);
        foreach (var scenario in world.Scenarios)
        {
            Assert.Equal(DeleteRiskScenario.Outcome.Forbidden, await DeleteRiskScenario.HandleAsync(db, manager, scenario));
            Assert.Equal(DeleteRiskScenario.Outcome.Deleted, await DeleteRiskScenario.HandleAsync(db, officer, scenario));
        }

        Assert.Equal(DeleteAsset.Outcome.Deleted, (await DeleteAsset.HandleAsync(db, manager, world.Asset)).Outcome);
        Assert.Equal(DeleteAsset.Outcome.Forbidden, (await DeleteAsset.HandleAsync(db, manager, world.OtherAsset)).Outcome);
        Assert.Equal(DeleteAsset.Outcome.NotFound, (await DeleteAsset.HandleAsync(db, manager, world.Asset)).Outcome);
    }

    /// <summary>
    /// An asset of 営業部 with two scenarios, one of them with a treatment task; another asset (of
    /// 人事部) with a scenario and a task of its own, which no delete here may touch.
    /// </summary>
    internal sealed record World(Organization Org, Guid Asset, IReadOnlyList<Guid> Scenarios, Guid Task, Guid OtherAsset, Guid Other, Guid OtherTask, Guid OtherTaskScenario, long AuditTail);

    internal async Task<World> WorldAsync(MamoriDatabase database)
    {
        var org = await CreateOrganizationAsync(database, "deletes");
        await using var db = Open(database, org);
        var asset = new InformationAsset(org.Id, "ノートPC内の情報", Rating.High, Rating.High, Rating.Medium) { Department = "営業部" };
        var other = new InformationAsset(org.Id, "社員名簿", Rating.High, Rating.High, Rating.Medium) { Department = "人事部" };
        db.Assets.AddRange(asset, other);
        var laptop = SeedExamples.LaptopScenario(org.Id, asset.Id);
        var usb = new RiskScenario(org.Id, asset.Id, "USBメモリの紛失");
        var otherScenario = SeedExamples.InsiderLeakScenario(org.Id, other.Id);
        db.RiskScenarios.AddRange(laptop, usb, otherScenario);
        var task = new TreatmentTask(org.Id, "画面ロックを5分に設定する") { RiskScenarioId = laptop.Id };
        var otherTask = new TreatmentTask(org.Id, "退職者のアカウントを削除する") { RiskScenarioId = otherScenario.Id };
        db.TreatmentTasks.AddRange(task, otherTask);
        await db.SaveChangesAsync();
        var tail = await db.AuditEntries.MaxAsync(e => e.Sequence);
        return new(org, asset.Id, [laptop.Id, usb.Id], task.Id, other.Id, otherScenario.Id, otherTask.Id, otherScenario.Id, tail);
    }

    private static async Task<List<AuditEntry>> AfterSetupAsync(MamoriDb db, World world) =>
        await db.AuditEntries.Where(e => e.Sequence > world.AuditTail).ToListAsync();

    private MamoriDb Open(MamoriDatabase database, Organization org) => database.Open(org.Id, new Actor("tester", Time));
}

public class Deleting_a_risk_scenario : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keeps_its_treatment_tasks_with_the_link_cleared_and_audited(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "risk-delete");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var asset = new InformationAsset(org.Id, "顧客リスト", Rating.High, Rating.High, Rating.High);
        var scenario = SeedExamples.InsiderLeakScenario(org.Id, asset.Id);
        var tasks = new[] { "権限を見直す", "持ち出しを記録する" }.Select(t => new TreatmentTask(org.Id, t) { RiskScenarioId = scenario.Id }).ToList();
        db.Assets.Add(asset);
        db.RiskScenarios.Add(scenario);
        db.TreatmentTasks.AddRange(tasks);
        await db.SaveChangesAsync();
        var tail = await db.AuditEntries.MaxAsync(e => e.Sequence);

        Assert.Equal(DeleteRiskScenario.Outcome.Deleted, await DeleteRiskScenario.HandleAsync(db, officer, scenario.Id));

        db.ChangeTracker.Clear();
        Assert.All(await db.TreatmentTasks.ToListAsync(), t => Assert.Null(t.RiskScenarioId));
        var entries = await db.AuditEntries.Where(e => e.Sequence > tail).ToListAsync();
        Assert.Equal(
            [(AuditAction.Updated, "TreatmentTask"), (AuditAction.Updated, "TreatmentTask"), (AuditAction.Deleted, "RiskScenario")],
            entries.Select(e => (e.Action, e.EntityType)).Order());
        Assert.All(entries.Where(e => e.EntityType == "TreatmentTask"), e => Assert.Contains(scenario.Id.ToString(), e.Before!, StringComparison.Ordinal));
        Assert.Equal(DeleteRiskScenario.Outcome.NotFound, await DeleteRiskScenario.HandleAsync(db, officer, scenario.Id));
    }
}
