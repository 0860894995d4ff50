using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Quick;
using Mamori.Tests.Support;
using NJsonSchema;

namespace Mamori.Tests.Catalogs;

public class The_quick_approach_content
{
    private static readonly QuickCatalog Japanese = QuickCatalog.For(Language.Japanese);

    public static TheoryData<string> Topics()
    {
        var data = new TheoryData<string>();
        foreach (var topic in CatalogSet.Default.Topics)
        {
            data.Add(topic.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task Every_topic_file_matches_its_schema(string topic)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", "quick.schema.json"));
        var json = YamlToJson.Convert(await File.ReadAllTextAsync(RepositoryFiles.Path("catalogs", "quick", $"{topic}.yaml")))!.ToJsonString();

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Every_top_10_threat_of_every_year_has_a_case_and_a_standard()
    {
        foreach (var entry in CatalogSet.Default.TopThreats)
        {
            Assert.NotNull(Japanese.StandardFor(entry.TopicId));
            Assert.NotEmpty(Japanese.CasesFor(entry.TopicId));
        }
    }

    [Fact]
    public void Holds_at_least_twenty_cases_in_both_languages()
    {
        Assert.True(Japanese.Cases.Count >= 20, $"{Japanese.Cases.Count} cases");
        Assert.Equal(Japanese.Cases.Select(c => c.Id), QuickCatalog.For(Language.English).Cases.Select(c => c.Id));
        Assert.All(Japanese.Cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Damage + c.Cause + c.Industry + c.Size)));
    }

    [Fact]
    public void Every_measure_has_a_valid_Annex_A_control_and_a_complete_procedure()
    {
        foreach (var standard in Japanese.Standards)
        {
            Assert.All(Enum.GetValues<MeasureSection>().Where(s => s != MeasureSection.Physical), s => Assert.Contains(standard.Measures, m => m.Section == s));
            foreach (var measure in standard.Measures)
            {
                Assert.NotEmpty(measure.ControlIds);
                Assert.All(measure.ControlIds, id => Assert.NotNull(CatalogSet.Default.FindControl(id)));
                Assert.NotEmpty(measure.Procedures);
                Assert.All(measure.Procedures, p => Assert.DoesNotContain(p, new[] { p.What, p.When, p.Check, p.Record }.Where(string.IsNullOrWhiteSpace).Select(_ => p)));
            }
        }
    }

    // The seed's ransomware standard (chapter 7): each measure must be there in substance, in its section.
    public static TheoryData<MeasureSection, string[]> SeedRansomwareMeasures => new()
    {
        { MeasureSection.Organizational, ["体制"] },
        { MeasureSection.Organizational, ["インシデント対応"] },
        { MeasureSection.People, ["添付ファイル", "リンク"] },
        { MeasureSection.People, ["提供元が不明なソフトウェア"] },
        { MeasureSection.People, ["報告", "連絡", "相談"] },
        { MeasureSection.Physical, ["バックアップ"] },
        { MeasureSection.Technological, ["公開サーバ"] },
        { MeasureSection.Technological, ["アクセス権", "最小"] },
        { MeasureSection.Technological, ["多要素認証"] },
        { MeasureSection.Technological, ["サーバ", "クライアント", "ネットワーク"] },
    };

    [Theory]
    [MemberData(nameof(SeedRansomwareMeasures))]
    public void The_ransomware_standard_contains_the_seeds_measures_in_their_sections(MeasureSection section, string[] words)
    {
        var standard = Japanese.StandardFor("ransomware")!;

        Assert.Contains(standard.Measures, m => m.Section == section && words.All(w => m.Text.Contains(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_ransomware_standard_has_the_five_sections_in_order_and_goes_beyond_the_seed()
    {
        var standard = Japanese.StandardFor("ransomware")!;

        Assert.Equal(
            [MeasureSection.Organizational, MeasureSection.People, MeasureSection.Physical, MeasureSection.Technological],
            standard.Measures.Select(m => m.Section).Distinct());
        Assert.True(standard.Measures.Count > 10);
        Assert.False(string.IsNullOrWhiteSpace(standard.Threat));
    }
}

public class Folded_Japanese_text
{
    [Theory]
    [InlineData("被害が出た。 原因は不明。", "被害が出た。原因は不明。")]
    [InlineData("社内の\nサーバー", "社内のサーバー")]
    [InlineData("VPN 装置を更新する", "VPN 装置を更新する")]
    [InlineData("Windows の更新", "Windows の更新")]
    public void Loses_only_the_spaces_folding_added(string folded, string expected) =>
        Assert.Equal(expected, QuickCatalog.JoinFoldedJapanese(folded));
}

public class Loading_the_quick_content
{
    [Fact]
    public void Refuses_a_placeholder_Mamori_cannot_fill()
    {
        string Read(string name)
        {
            var text = CatalogSet.ReadEmbedded(name);
            return name == "quick/bec.yaml" ? text.Replace("{{ rules.payment_dual_approval_yen }}", "{{ rules.payment_limit }}", StringComparison.Ordinal) : text;
        }

        var error = Assert.Throws<CatalogException>(() => QuickCatalog.Load(CatalogSet.Default, Language.Japanese, Read));

        Assert.Contains(error.Problems, p => p.StartsWith("quick/bec.yaml", StringComparison.Ordinal) && p.Contains("rules.payment_limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Accepts_the_organization_the_default_roles_and_every_rule_value() =>
        Assert.Superset(
            new HashSet<string> { "organization.name", "roles.security_officer", "roles.education_officer", "rules.patch_critical_days", "rules.label_secret" },
            new HashSet<string>(QuickCatalog.KnownPlaceholders));
}
