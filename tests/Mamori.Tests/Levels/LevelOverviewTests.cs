using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Soa;
using Mamori.Features.Baseline;
using Mamori.Features.Levels;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.Soa;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Levels;

public class The_recommended_level
{
    [Theory]
    [InlineData(false, false, false, false, 5, 0, 0, 1)]
    [InlineData(true, false, false, false, 5, 0, 0, 3)]
    [InlineData(true, true, true, true, 300, 4, 500, 3)]
    [InlineData(false, true, false, false, 5, 0, 0, 2)]
    [InlineData(false, false, true, false, 5, 0, 0, 1)]
    [InlineData(false, false, true, true, 5, 0, 0, 2)]
    [InlineData(false, false, false, true, 5, 0, 0, 1)]
    [InlineData(false, false, false, false, 20, 0, 0, 1)]
    [InlineData(false, false, false, false, 21, 0, 0, 2)]
    [InlineData(false, false, false, false, 5, 1, 0, 2)]
    [InlineData(false, false, false, false, 5, 0, 99, 1)]
    [InlineData(false, false, false, false, 5, 0, 100, 2)]
    public void Follows_the_profile_and_the_register(bool ismsRequired, bool myNumber, bool personal, bool website, int employees, int highRisks, int assets, int expected)
    {
        var organization = new Organization("levels", "テスト", DateTimeOffset.UnixEpoch)
        {
            CustomersRequireIsmsCertification = ismsRequired,
            HandlesMyNumber = myNumber,
            HandlesPersonalInformation = personal,
            HasPublicWebsite = website,
            EmployeeCount = employees,
        };

        var (level, reasons) = LevelOverview.Recommend(organization, new(assets, highRisks), Language.Japanese);

        Assert.Equal(expected, level);
        Assert.NotEmpty(reasons);
    }

    [Fact]
    public void Gives_one_reason_for_each_fact_that_raises_it()
    {
        var organization = new Organization("levels", "テスト", DateTimeOffset.UnixEpoch) { HandlesMyNumber = true, EmployeeCount = 45 };

        var (level, reasons) = LevelOverview.Recommend(organization, new(120, 2), Language.Japanese);

        Assert.Equal(2, level);
        Assert.Equal(4, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("45", StringComparison.Ordinal) && r.Contains("20", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("120", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("マイナンバー", StringComparison.Ordinal));
    }

    [Fact]
    public void Is_explained_in_English_too()
    {
        var organization = new Organization("levels", "Test", DateTimeOffset.UnixEpoch) { CustomersRequireIsmsCertification = true };

        var (_, reasons) = LevelOverview.Recommend(organization, new(0, 0), Language.English);

        Assert.Contains("ISMS certification", Assert.Single(reasons), StringComparison.Ordinal);
    }
}

public class The_level_overview : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Starts_with_nothing_reached_and_climbs_as_the_work_is_done(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "climb");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));

        var empty = await LevelOverview.BuildAsync(db, org, Language.Japanese);

        Assert.Equal(0, empty.Current);
        Assert.All(empty.Levels, l => Assert.Equal(LevelOverview.Progress.NotStarted, l.Progress));
        Assert.Equal([1, 2, 3], empty.Levels.Select(l => l.Number));

        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        var afterPolicy = await LevelOverview.BuildAsync(db, org, Language.Japanese);
        Assert.Equal((0, LevelOverview.Progress.InProgress), (afterPolicy.Current, afterPolicy.Levels[0].Progress));

        var quick = GenerateStandards.Generate("ransomware", org, await db.PolicyRoles.ToListAsync(), GenerateStandards.Edits.None, Language.Japanese);
        await AdoptStandards.HandleAsync(db, officer, [quick], "佐藤", Time.GetUtcNow());
        await SelfDiagnosisResults.RecordAsync(db, officer, new("", "佐藤", Enumerable.Range(1, 25).ToDictionary(n => n, _ => DiagnosisAnswer.Done)), Time.GetUtcNow());

        var lv1 = await LevelOverview.BuildAsync(db, org, Language.Japanese);

        Assert.Equal(1, lv1.Current);
        Assert.Equal(LevelOverview.Progress.Reached, lv1.Levels[0].Progress);
        Assert.Equal(LevelOverview.Progress.InProgress, lv1.Levels[1].Progress);
        var chapters = lv1.Levels[1].Steps.Single(s => s.Key == "baseline-chapters");
        // The ten chapters every company needs; the My Number, cloud, telework and personal-data chapters only when the profile says so.
        Assert.Equal((0, 10), (chapters.Done, chapters.Total));
        Assert.Equal(1, lv1.Levels[1].Steps.Single(s => s.Key == "self-diagnosis").Done);
        Assert.Equal(LevelOverview.Progress.NotStarted, lv1.Levels[2].Progress);
        Assert.All(lv1.Levels[2].Steps.Where(s => s.Key != "soa-decided"), s => Assert.Equal((0, 0, false), (s.Done, s.Total, s.Complete)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Counts_the_Lv3_steps_from_the_register_and_the_statement(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "lv3");
        await ImportSeedAsync(test.Database, org);
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var asset = await db.Assets.FirstAsync();
        var scenario = new RiskScenario(org.Id, asset.Id, "ノートPCの紛失による顧客情報の漏えい") { Treatment = RiskTreatment.Reduce };
        scenario.Controls.Add(new ScenarioControl("8.1", "ディスク暗号化"));
        db.RiskScenarios.AddRange(scenario, new RiskScenario(org.Id, asset.Id, "未対応のシナリオ"));
        await db.SaveChangesAsync();
        await DecideControl.HandleAsync(db, officer, org, new("8.1", Applicability.Applicable, "紛失リスクへの対応", ImplementationStatus.Planned, null, null), "佐藤", Time.GetUtcNow());
        await DecideControl.HandleAsync(db, officer, org, new("7.5", Applicability.Excluded, "設備を持たない", ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());

        var overview = await LevelOverview.BuildAsync(db, org, Language.Japanese);

        var steps = overview.Levels[2].Steps.ToDictionary(s => s.Key, s => (s.Done, s.Total));
        Assert.Equal((1, await db.Assets.CountAsync()), steps["assets-assessed"]);
        Assert.Equal((1, 2), steps["risks-treated"]);
        Assert.Equal((2, 93), steps["soa-decided"]);
        Assert.Equal((0, 1), steps["controls-documented"]);
        Assert.False(overview.Levels[2].Steps.Single(s => s.Key == "controls-documented").Complete);
        Assert.Equal(LevelOverview.Progress.InProgress, overview.Levels[2].Progress);
    }
}
