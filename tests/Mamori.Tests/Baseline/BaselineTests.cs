using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Baseline;

public class The_baseline_content
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Loads_in_both_languages_with_25_items_and_every_chapter_written(bool japanese)
    {
        var catalog = BaselineCatalog.For(japanese ? Language.Japanese : Language.English);

        Assert.Equal(Enumerable.Range(1, 25), catalog.Items.Select(i => i.Number));
        Assert.Equal([5, 13, 7], catalog.Parts.Select(p => catalog.Items.Count(i => i.Part == p.Id)));
        Assert.Equal(13, catalog.Chapters.Count);
        Assert.All(catalog.Chapters, c => Assert.True(c.Body.Length > 300, $"{c.Id} is too short"));
        Assert.All(catalog.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Why + i.Damage + i.WhatToDo)));
    }

    [Fact]
    public void Models_each_guideline_as_the_seed_presents_it()
    {
        var cloud = BaselineCatalog.For(Language.Japanese).Checklists.Single(c => c.Id == "cloud");

        Assert.Equal([6, 4, 5], cloud.Groups.Select(g => g.Items.Count));
        Assert.False(string.IsNullOrWhiteSpace(cloud.Audience + cloud.Purpose));
        Assert.NotEmpty(cloud.Steps);
        Assert.Equal(["cloud", "telework", "nisc", "rules"], BaselineCatalog.For(Language.Japanese).Checklists.Select(c => c.Id));
    }
}

public class Tailoring_the_rules : PersistenceTest
{
    private static Organization Organization(bool mynumber = false, bool cloud = false, bool telework = false) =>
        new("tailor", "株式会社テーラー", DateTimeOffset.UtcNow) { HandlesMyNumber = mynumber, UsesCloudServices = cloud, Teleworks = telework };

    private static List<PolicyRole> Roles(Organization org) =>
        PolicyTemplates.DefaultRoles.Select((r, i) => new PolicyRole(org.Id, r.TitleJa, r.ResponsibilityJa, i + 1) { Key = r.Key, Holders = i == 0 ? "山田 太郎" : "" }).ToList();

    [Theory]
    [InlineData("mynumber", true, false, false)]
    [InlineData("cloud", false, true, false)]
    [InlineData("telework", false, false, true)]
    public void Each_profile_switch_adds_exactly_its_chapter(string chapter, bool mynumber, bool cloud, bool telework)
    {
        var without = TailorRules.Tailor(Organization(), Roles(Organization()), new DateOnly(2026, 4, 1), Language.Japanese).Select(c => c.Chapter.Id).ToList();
        var with = TailorRules.Tailor(Organization(mynumber, cloud, telework), Roles(Organization()), new DateOnly(2026, 4, 1), Language.Japanese).Select(c => c.Chapter.Id).ToList();

        Assert.Equal(10, without.Count);
        Assert.Equal([chapter], with.Except(without));
        Assert.Empty(without.Except(with));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Leaves_no_placeholder_and_shows_the_people_bound_to_each_role(bool japanese)
    {
        var org = Organization(true, true, true);

        var chapters = TailorRules.Tailor(org, Roles(org), new DateOnly(2026, 4, 1), japanese ? Language.Japanese : Language.English);

        Assert.All(chapters, c =>
        {
            Assert.Empty(c.Unfilled);
            Assert.DoesNotContain("{{", c.Markdown, StringComparison.Ordinal);
        });
        var organizational = chapters.Single(c => c.Chapter.Id == "organizational").Markdown;
        Assert.Contains("山田 太郎", organizational, StringComparison.Ordinal);
        Assert.Contains(japanese ? "改訂" : "Revised", organizational, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merges_a_Lv1_measure_so_it_appears_once_in_its_chapter(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "merge");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        var roles = await db.PolicyRoles.ToListAsync();
        var quick = GenerateStandards.Generate("ransomware", org, roles, GenerateStandards.Edits.None, Language.Japanese);
        await AdoptStandards.HandleAsync(db, officer, [quick], "佐藤", Time.GetUtcNow());
        var measure = QuickCatalog.For(Language.Japanese).StandardFor("ransomware")!.Measures.First(m => m.Text.Contains("多要素認証", StringComparison.Ordinal));

        var result = await AdoptRules.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese);

        Assert.Empty(result!.Unfilled);
        // Rules stand in standards; a procedure may name the measure it carries out as its heading.
        var standards = await db.PolicyDocuments.Where(d => d.Kind == DocumentKind.Standard).Select(d => d.Title).ToListAsync();
        var rendered = (await RenderPolicy.PolicySetAsync(db, org, Time.Today(org), Language.Japanese, includeDrafts: true)).Where(d => standards.Contains(d.Title)).ToList();
        var holding = rendered.Where(d => d.Sections.Any(s => s.Markdown.Contains(measure.Text, StringComparison.Ordinal))).ToList();
        Assert.Equal("アクセス制御及び認証", Assert.Single(holding).Title);
        Assert.Equal(1, holding[0].Sections.Sum(s => Occurrences(s.Markdown, measure.Text)));
        Assert.Equal(10, await db.PolicyDocuments.CountAsync(d => d.SourceKey.StartsWith("baseline:")));
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

public class Recording_the_self_diagnosis : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Shows_departments_side_by_side_combined_and_the_gaps(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "diag");
        var member = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.Employee);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var all = Enumerable.Range(1, 25).ToDictionary(n => n, _ => DiagnosisAnswer.Done);

        await SelfDiagnosisResults.RecordAsync(db, member, new("営業部", "鈴木", all), Time.GetUtcNow());
        Time.Advance(TimeSpan.FromDays(1));
        await SelfDiagnosisResults.RecordAsync(db, member, new("総務部", "田中", new Dictionary<int, DiagnosisAnswer>(all) { [11] = DiagnosisAnswer.Partly, [24] = DiagnosisAnswer.Unknown }), Time.GetUtcNow());
        var (incomplete, errors) = await SelfDiagnosisResults.RecordAsync(db, member, new("経理部", "佐藤", new Dictionary<int, DiagnosisAnswer> { [1] = DiagnosisAnswer.Done }), Time.GetUtcNow());
        Assert.Null(incomplete);
        Assert.Equal(24, errors.Count);

        var overview = await SelfDiagnosisResults.OverviewAsync(db);
        Assert.Equal(["営業部", "総務部"], overview.Latest.Select(r => r.Department));
        Assert.Equal([100, 93], overview.Latest.Select(r => r.Score));
        Assert.Equal(93, overview.CombinedScore);
        Assert.Equal([11, 24], SelfDiagnosisResults.Gaps(overview.Combined, Language.Japanese).Select(g => g.Item.Number));
    }
}
