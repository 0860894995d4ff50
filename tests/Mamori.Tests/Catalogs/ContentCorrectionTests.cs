using Mamori.Catalogs;
using Mamori.Domain;

namespace Mamori.Tests.Catalogs;

public class The_content_corrections
{
    [Fact]
    public void Third_party_provision_needs_consent_or_a_legal_exception_and_a_record_never_replaces_consent()
    {
        var japanese = ControlStandardCatalog.For(Language.Japanese).BodyFor("5.34")!;
        var english = ControlStandardCatalog.For(Language.English).BodyFor("5.34")!;

        Assert.Contains("あらかじめ本人の同意を得る", japanese, StringComparison.Ordinal);
        Assert.Contains("法律が定める例外", japanese, StringComparison.Ordinal);
        Assert.Contains("同意の代わりにはならない", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("同意を得るか記録を作る", japanese, StringComparison.Ordinal);
        Assert.Contains("never replaces consent", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudonymised_and_anonymised_data_follow_the_law()
    {
        var chapter = BaselineCatalog.For(Language.Japanese).Chapters.Single(c => c.Id == "asset-management").Body;

        Assert.Contains("仮名加工情報", chapter, StringComparison.Ordinal);
        Assert.Contains("第三者には提供しない", chapter, StringComparison.Ordinal);
        Assert.Contains("匿名加工情報", chapter, StringComparison.Ordinal);
        Assert.Contains("含まれる項目を公表", chapter, StringComparison.Ordinal);
    }

    [Fact]
    public void The_my_number_chapter_names_the_reporting_triggers_and_retention_periods()
    {
        var chapter = BaselineCatalog.For(Language.Japanese).Chapters.Single(c => c.Id == "mynumber").Body;

        Assert.Contains("100人を超える", chapter, StringComparison.Ordinal);
        Assert.Contains("不正の目的", chapter, StringComparison.Ordinal);
        Assert.Contains("不特定多数", chapter, StringComparison.Ordinal);
        Assert.Contains("7年間", chapter, StringComparison.Ordinal);
        Assert.Contains("4年間", chapter, StringComparison.Ordinal);
        Assert.DoesNotContain("法令で定められた保存期間の間だけ保管する。", chapter, StringComparison.Ordinal);
    }

    [Fact]
    public void Ransomware_is_reported_with_the_malicious_purpose_deadline()
    {
        var measures = QuickCatalog.For(Language.Japanese).StandardFor("ransomware")!.Measures;

        Assert.Contains(measures, m => m.Text.Contains("{{ rules.ppc_final_days_malicious }}", StringComparison.Ordinal));
        Assert.DoesNotContain(measures.SelectMany(m => m.Procedures), p => p.When.Contains("定められた期限内", StringComparison.Ordinal));
    }

    [Fact]
    public void The_insider_standard_keeps_a_leavers_PC_unwiped_for_the_set_period()
    {
        var measure = QuickCatalog.For(Language.Japanese).StandardFor("insider")!.Measures.Single(m => m.Id == "insider-tec-6");

        Assert.Contains("{{ rules.leaver_device_retention_days }}日間", measure.Text, StringComparison.Ordinal);
        Assert.Contains("初期化せず", measure.Text, StringComparison.Ordinal);
        Assert.Contains("5.28", measure.ControlIds);
    }

    [Fact]
    public void No_template_names_NISC_as_a_current_body_and_the_2024_list_has_its_date()
    {
        Assert.DoesNotContain(TemplateTexts.All(), t => t.Text.Contains("NISC", StringComparison.Ordinal));
        Assert.Contains(QuickCatalog.For(Language.Japanese).StandardFor("geopolitical")!.Measures, m => m.Text.Contains("国家サイバー統括室（NCO）", StringComparison.Ordinal));
        var lists = Mamori.Tests.Support.YamlToJson.Convert(File.ReadAllText(Mamori.Tests.Support.RepositoryFiles.Path("catalogs", "top10.yaml")))!["lists"]!.AsArray();
        Assert.Equal("2024-01-24", lists.Single(l => (long)l!["year"]! == 2024)!["publishedOn"]!.GetValue<string>());
    }

    [Fact]
    public void Every_role_a_template_names_is_in_the_roles_table()
    {
        var undefined = TemplateTexts.All().Where(t => t.Text.Contains("開発責任者", StringComparison.Ordinal) || t.Text.Contains("経理責任者", StringComparison.Ordinal)).Select(t => t.Where).ToList();

        Assert.Empty(undefined);
        Assert.All(TemplateTexts.All(), t => Assert.All(
            System.Text.RegularExpressions.Regex.Matches(t.Text, @"\{\{\s*roles\.([a-z_]+)").Select(m => m.Groups[1].Value),
            key => Assert.Contains(Mamori.Features.Policies.PolicyTemplates.DefaultRoles, r => r.Key == key)));
    }
}
