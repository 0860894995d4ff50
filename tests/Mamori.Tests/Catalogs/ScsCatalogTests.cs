using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Catalog;
using Mamori.Tests.Support;
using NJsonSchema;

namespace Mamori.Tests.Catalogs;

public class The_SCS_catalog
{
    private static readonly ScsCatalog Catalog = ScsCatalog.Default;

    private static string Read(string file) => File.ReadAllText(RepositoryFiles.Path("catalogs", file));

    private static IEnumerable<string> FilesOnDisk() =>
        Directory.GetFiles(RepositoryFiles.Path("catalogs", "scs"), "*.yaml").Select(f => ScsCatalog.Folder + Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Files() => [.. FilesOnDisk()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_file_matches_its_schema_and_is_the_one_built_into_the_product(string name)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", "scs.schema.json"));
        var yaml = Read(name);

        var errors = schema.Validate(YamlToJson.Convert(yaml)!.ToJsonString());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal(yaml, CatalogSet.ReadEmbedded(name));
    }

    [Fact]
    public void Loads_every_file_of_the_folder()
    {
        Assert.Equal(FilesOnDisk(), ScsCatalog.EmbeddedFiles());
        Assert.Equal([new ScsLevel(3, "2026-03-27")], Catalog.Levels);
    }

    [Fact]
    public void Holds_the_81_criteria_of_star_3_in_26_requirements_and_7_categories()
    {
        var criteria = Catalog.CriteriaOf(3);

        Assert.Equal(81, criteria.Count);
        Assert.Equal(26, Catalog.RequirementsOf(3).Count);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], Catalog.Categories.Select(c => c.Id));
        Assert.Equal([8, 4, 11, 48, 3, 6, 1], Catalog.Categories.Select(c => criteria.Count(x => x.CategoryId == c.Id)));
        Assert.Equal([3, 3, 4, 13, 1, 1, 1], Catalog.Categories.Select(c => Catalog.Requirements.Count(r => r.CategoryId == c.Id)));
        Assert.All(Catalog.Requirements, r => Assert.Contains(criteria, c => c.RequirementId == r.Id));
    }

    [Fact]
    public void Gives_every_id_once_in_its_form_nested_in_its_parent_and_in_catalog_order()
    {
        Assert.Equal(Catalog.Criteria.Count, Catalog.Criteria.Select(c => c.Id).Distinct().Count());
        Assert.Equal(Catalog.Requirements.Count, Catalog.Requirements.Select(r => r.Id).Distinct().Count());
        foreach (var criterion in Catalog.Criteria)
        {
            Assert.Matches(@"^[1-9]-\d{1,2}-\d{1,2}-\d{1,2}$", criterion.Id);
            Assert.StartsWith(criterion.RequirementId + "-", criterion.Id, StringComparison.Ordinal);
            Assert.Equal(Catalog.FindRequirement(criterion.RequirementId)!.CategoryId, criterion.CategoryId);
            Assert.Same(criterion, Catalog.Find(criterion.Id));
        }

        static string Sortable(string id) => string.Join('.', id.Split('-').Select(p => p.PadLeft(2, '0')));
        Assert.Equal(Catalog.Criteria.Select(c => Sortable(c.Id)).Order(StringComparer.Ordinal), Catalog.Criteria.Select(c => Sortable(c.Id)));
        Assert.Null(Catalog.Find("9-9-9-9"));
    }

    [Fact]
    public void Resolves_every_control_self_diagnosis_item_measure_and_rule_value()
    {
        var items = BaselineCatalog.For(Language.Japanese).Items.Select(i => i.Number).ToHashSet();
        var chapters = BaselineCatalog.For(Language.Japanese).Chapters.Select(c => c.Id).ToHashSet();
        foreach (var criterion in Catalog.Criteria)
        {
            Assert.All(criterion.AnnexA, id => Assert.NotNull(CatalogSet.Default.FindControl(id)));
            Assert.All(criterion.SelfDiagnosis, n => Assert.Contains(n, items));
            Assert.All(criterion.RuleValues, key => Assert.NotNull(RuleValuesCatalog.For(Language.Japanese).Find(key)));
            Assert.NotEmpty(criterion.Measures);
            foreach (var measure in criterion.Measures)
            {
                var (kind, id) = (measure.Split(':')[0], measure.Split(':')[1]);
                Assert.True(kind switch
                {
                    "baseline" => chapters.Contains(id),
                    "standard" => ControlStandardCatalog.For(Language.Japanese).BodyFor(id) is not null,
                    "quick" => QuickCatalog.For(Language.Japanese).StandardFor(id) is not null,
                    "form" => FormCatalog.For(Language.Japanese).Find(id) is not null,
                    "template" => id is "basic-policy" or "roles",
                    _ => false,
                }, $"{criterion.Id}: {measure}");
            }
        }
    }

    [Fact]
    public void Refuses_a_reference_that_does_not_resolve_and_a_criterion_outside_its_requirement()
    {
        var broken = Read("scs/star3.yaml")
            .Replace("measures: [template:roles, baseline:organizational", "measures: [template:roles, baseline:organisational", StringComparison.Ordinal)
            .Replace("ruleValue: review_frequency", "ruleValue: review_frequncy", StringComparison.Ordinal)
            .Replace("  - id: 1-2-3-2\n    requirement: 1-2-3", "  - id: 1-2-3-2\n    requirement: 1-2-1", StringComparison.Ordinal)
            .Replace("annexA: [\"6.6\", \"6.2\"]", "annexA: [\"6.60\", \"6.2\"]", StringComparison.Ordinal)
            .Replace("selfDiagnosis: [19, 20]", "selfDiagnosis: [19, 26]", StringComparison.Ordinal);

        var error = Assert.Throws<CatalogException>(() => ScsCatalog.Load(CatalogSet.Default, ["scs/star3.yaml"], _ => broken));

        Assert.Contains(error.Problems, p => p.Contains("1-2-1-1: the measure 'baseline:organisational' does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("1-2-1-3: the rule value 'review_frequncy' does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("1-2-3-2: a criterion id is its requirement's id '1-2-1'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("1-2-3-1: the control '6.60' does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("1-2-3-2: the self-diagnosis item 26 does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Can_hold_the_criteria_star_4_adds_as_another_file()
    {
        const string star4 = """
            version: "2026-03-27"
            level: 4
            source: test
            categories: []
            requirements:
              - { id: 4-1-8, category: "4", title: { ja: ログの保存, en: "Keeping logs" } }
            criteria:
              - id: 1-2-1-9
                requirement: 1-2-1
                text: { ja: あ, en: a }
                meaning: { ja: あ, en: a }
                evidence: { ja: あ, en: a }
                yearly: false
                annexA: ["8.15"]
                selfDiagnosis: []
                measures: [standard:8.15]
              - id: 4-1-8-1
                requirement: 4-1-8
                text: { ja: い, en: b }
                meaning: { ja: い, en: b }
                evidence: { ja: い, en: b }
                yearly: true
                annexA: ["8.15"]
                selfDiagnosis: []
                measures: [baseline:it-operations]
                ruleValue: log_retention_months
            """;

        var catalog = ScsCatalog.Load(CatalogSet.Default, ["scs/star3.yaml", "scs/star4.yaml"], f => f.EndsWith("star4.yaml", StringComparison.Ordinal) ? star4 : Read(f));

        Assert.Equal([3, 4], catalog.Levels.Select(l => l.Level));
        Assert.Equal(Catalog.CriteriaOf(3).Select(c => c.Id), catalog.CriteriaOf(3).Select(c => c.Id));
        Assert.Equal(Catalog.Criteria.Count + 2, catalog.CriteriaOf(4).Count);
        Assert.Equal(4, catalog.Find("1-2-1-9")!.Level);
        Assert.Equal("1-2-1-9", catalog.Criteria.Last(c => c.RequirementId == "1-2-1").Id);
        Assert.Equal(4, catalog.FindRequirement("4-1-8")!.Level);
    }

    [Fact]
    public void Words_every_criterion_meaning_and_evidence_in_Japanese_and_English()
    {
        foreach (var criterion in Catalog.Criteria)
        {
            foreach (var text in new[] { criterion.Text, criterion.Meaning, criterion.Evidence })
            {
                Assert.False(string.IsNullOrWhiteSpace(text.Ja), criterion.Id);
                Assert.False(string.IsNullOrWhiteSpace(text.En), criterion.Id);
                Assert.Matches(@"[\p{IsHiragana}\p{IsCJKUnifiedIdeographs}]", text.Ja);
                Assert.DoesNotMatch(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", text.En);
                Assert.DoesNotMatch(@"[。、][ 　]|[\p{IsHiragana}\p{IsCJKUnifiedIdeographs}][ 　][\p{IsHiragana}\p{IsCJKUnifiedIdeographs}]", text.Ja);
            }

            Assert.NotEqual(criterion.Text.Ja, criterion.Meaning.Ja);
            Assert.Equal(criterion.Text.Ja, criterion.Text.In(CultureInfo.GetCultureInfo("ja")));
            Assert.Equal(criterion.Text.En, criterion.Text.In(CultureInfo.GetCultureInfo("en")));
        }
    }

    [Fact]
    public void Marks_as_yearly_the_criteria_the_scheme_asks_to_check_every_year()
    {
        // The reference's "yearly" marks, with the training on joining and every year (4-2-2-1) and the
        // yearly sharing of incident cases (6-1-1-6).
        Assert.Equal(
            ["1-2-1-3", "2-1-1-2", "3-1-1-4", "3-1-4-2", "4-2-2-1", "4-2-2-3", "6-1-1-4", "6-1-1-6"],
            Catalog.Criteria.Where(c => c.Yearly).Select(c => c.Id));
        Assert.All(Catalog.Criteria.Where(c => c.Yearly), c => Assert.NotNull(c.RuleValue));
    }

    [Theory]
    [InlineData("4-1-3-4", "password_min_length_with_mfa")]
    [InlineData("4-1-4-1", "lockout_failures", "password_min_length_without_mfa")]
    [InlineData("4-1-4-2", "device_pin_min_length")]
    [InlineData("4-1-5-3", "password_min_length_with_mfa", "password_min_length_without_mfa", "lockout_failures")]
    [InlineData("4-2-2-1", "training_frequency")]
    [InlineData("4-3-4-1", "backup_frequency")]
    [InlineData("4-4-4-2", "patch_critical_days", "patch_cvss_threshold")]
    public void Names_the_rule_values_that_carry_a_criterion_s_numbers(string id, params string[] keys) =>
        Assert.Equal(keys, Catalog.Find(id)!.RuleValues);

    [Theory]
    [InlineData("2-1-1-1", ScsRegister.ExternalServices)]
    [InlineData("3-1-1-1", ScsRegister.Devices)]
    [InlineData("3-1-1-2", ScsRegister.Devices)]
    [InlineData("3-1-2-1", ScsRegister.Networks)]
    [InlineData("3-1-2-2", ScsRegister.Networks)]
    [InlineData("3-1-3-1", ScsRegister.ExternalServices)]
    [InlineData("3-1-4-3", ScsRegister.Assets)]
    [InlineData("4-1-2-5", ScsRegister.AdminIds)]
    public void Answers_a_way_to_know_criterion_with_its_register(string id, ScsRegister register) =>
        Assert.Equal(register, Catalog.Find(id)!.Register);

    [Fact]
    public void Refuses_a_register_that_is_not_one_of_mamori_s()
    {
        var broken = Read("scs/star3.yaml").Replace("    register: admin-ids", "    register: admin-accounts", StringComparison.Ordinal);

        var error = Assert.Throws<CatalogException>(() => ScsCatalog.Load(CatalogSet.Default, ["scs/star3.yaml"], _ => broken));

        Assert.Contains(error.Problems, p => p.Contains("4-1-2-5: no such register 'admin-accounts'", StringComparison.Ordinal));
    }

    [Fact]
    public void Writes_numbers_as_rule_values_and_follows_the_house_style()
    {
        var allowList = LiteralAllowList.Load();
        var style = HouseStyle.Load();
        var problems = new List<string>();
        foreach (var criterion in Catalog.Criteria)
        {
            foreach (var (field, text) in new[] { ("text", criterion.Text), ("meaning", criterion.Meaning), ("evidence", criterion.Evidence) })
            {
                foreach (var (culture, value) in new[] { (Language.Japanese, text.Ja), (Language.English, text.En) })
                {
                    var where = $"{criterion.Id} {field} ({culture.Name})";
                    problems.AddRange(allowList.Check(value).Literals.Select(l => $"{where}: {l.Kind} 「{l.Text}」"));
                    problems.AddRange(style.VariantsIn(value, culture).Select(v => $"{where}: {v}"));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
