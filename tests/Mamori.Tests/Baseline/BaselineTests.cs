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
        Assert.Equal(14, catalog.Chapters.Count);
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
        var without = TailorRules.Tailor(Organization(), Roles(Organization()), Language.Japanese).Select(c => c.Chapter.Id).ToList();
        var with = TailorRules.Tailor(Organization(mynumber, cloud, telework), Roles(Organization()), Language.Japanese).Select(c => c.Chapter.Id).ToList();

        Assert.Equal(10, without.Count);
        Assert.Equal([chapter], with.Except(without));
        Assert.Empty(without.Except(with));
    }

    [Fact]
    public void Fills_the_rule_values_of_a_merged_Lv1_measure()
    {
        var org = Organization();
        var measure = QuickCatalog.For(Language.Japanese).StandardFor("bec")!.Measures.First(m => m.Text.Contains("{{ rules.payment_dual_approval_yen }}", StringComparison.Ordinal));
        var yen = RuleValuesCatalog.For(Language.Japanese).Find("payment_dual_approval_yen")!.Display(null);

        var chapters = TailorRules.Tailor(org, Roles(org), Language.Japanese, new Dictionary<string, IReadOnlyList<string>> { ["organizational"] = [measure.Text] });

        var text = chapters.Single(c => c.Chapter.Id == "organizational").Markdown;
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.Contains($"{yen}円以上", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Adds_the_personal_information_chapter_only_when_the_profile_handles_personal_data()
    {
        var without = TailorRules.Tailor(Organization(), Roles(Organization()), Language.Japanese).Select(c => c.Chapter.Id).ToList();
        var org = Organization();
        org.HandlesPersonalInformation = true;
        var with = TailorRules.Tailor(org, Roles(org), Language.Japanese);

        Assert.DoesNotContain("personal-information", without);
        var chapter = with.Single(c => c.Chapter.Id == "personal-information");
        Assert.Empty(chapter.Unfilled);
        foreach (var words in new[] { "要配慮個人情報", "1,000人を超える", "組織的な対策", "人的な対策", "物理的な対策", "技術的な対策", "保有個人データ", "苦情の申出先", "外国" })
        {
            Assert.Contains(words, chapter.Markdown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Leaves_no_placeholder_and_shows_the_people_bound_to_each_role(bool japanese)
    {
        var org = Organization(true, true, true);

        var chapters = TailorRules.Tailor(org, Roles(org), japanese ? Language.Japanese : Language.English);

        Assert.All(chapters, c =>
        {
            Assert.Empty(c.Unfilled);
            Assert.DoesNotContain("{{", c.Markdown, StringComparison.Ordinal);
        });
        var organizational = chapters.Single(c => c.Chapter.Id == "organizational").Markdown;
        Assert.Contains("山田 太郎", organizational, StringComparison.Ordinal);
        if (japanese)
        {
            // The chapters read the deadline as a rule value ({{ rules.account_removal_business_days }}), not as text of their own.
            var days = RuleValuesCatalog.For(Language.Japanese).Find("account_removal_business_days")!.Display(null);
            Assert.Contains($"退職日又は異動日から{days}営業日以内", string.Concat(chapters.Select(c => c.Markdown)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Leaves_the_chapter_header_and_the_roles_table_to_the_document_title_block_and_the_book(bool japanese)
    {
        var org = Organization(true, true, true);
        var roles = Roles(org);

        var chapters = TailorRules.Tailor(org, roles, japanese ? Language.Japanese : Language.English);

        Assert.All(chapters, c =>
        {
            // The seed's header (number, title, 改訂, 適用範囲) began the chapter as a table; its text now begins with its first section.
            Assert.StartsWith("## ", c.Template, StringComparison.Ordinal);
            Assert.DoesNotContain($"| {c.Chapter.Number} | {c.Chapter.Title} |", c.Template, StringComparison.Ordinal);
            // A role title is written only through its placeholder, never as the roles table's literal row.
            Assert.All(roles, r => Assert.DoesNotContain($"| {r.Title} |", c.Template, StringComparison.Ordinal));
        });
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
