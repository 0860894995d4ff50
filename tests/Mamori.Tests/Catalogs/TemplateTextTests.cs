using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Tests.Catalogs;

public class Every_template_text
{
    private static readonly LiteralAllowList AllowList = LiteralAllowList.Load();

    [Fact]
    public void Reads_deadlines_frequencies_amounts_labels_and_role_titles_as_values()
    {
        var literals = new List<string>();
        var used = new HashSet<LiteralAllowList.Entry>();
        foreach (var template in TemplateTexts.All())
        {
            // The roles table describes the roles themselves: its role names are not references to fill.
            var (found, covered) = AllowList.Check(TemplateTexts.WithoutPlaceholders(template.Text), roles: !template.Where.StartsWith("templates/roles", StringComparison.Ordinal));
            literals.AddRange(found.Select(f => $"{template.Where} ({template.Culture.Name}): {f.Kind} 「{f.Text}」"));
            used.UnionWith(covered);
        }

        Assert.True(literals.Count == 0, $"{literals.Count} literals should be {{{{ rules.* }}}} or {{{{ roles.* }}}} (or be listed in catalogs/literal-allowlist.yaml with a reason):{Environment.NewLine}{string.Join(Environment.NewLine, literals)}");
        var unused = AllowList.Entries.Where(e => !used.Contains(e)).Select(e => e.Text).ToList();
        Assert.True(unused.Count == 0, $"allow-list entries no template needs any more:{Environment.NewLine}{string.Join(Environment.NewLine, unused)}");
    }

    [Fact]
    public void Uses_only_the_house_style_spellings()
    {
        var style = HouseStyle.Load();
        var variants = TemplateTexts.All()
            .SelectMany(t => style.VariantsIn(WithoutControlTitles(TemplateTexts.WithoutPlaceholders(t.Text)), t.Culture).Select(v => $"{t.Where} ({t.Culture.Name}): {v}"))
            .ToList();

        Assert.True(variants.Count == 0, string.Join(Environment.NewLine, variants));
    }

    // The JIS Q 27001 titles are quoted as published (技術的ぜい弱性の管理, …の順守): a fact, not our spelling.
    private static string WithoutControlTitles(string text) =>
        CatalogSet.Default.Controls.OrderByDescending(c => c.TitleJa.Length).Aggregate(text, (t, c) => t.Replace(c.TitleJa, "\u3013", StringComparison.Ordinal));

    [Fact]
    public void Uses_the_same_rule_values_in_Japanese_and_English()
    {
        var japanese = TemplateTexts.Of(Language.Japanese).ToList();
        var english = TemplateTexts.Of(Language.English).ToList();
        Assert.Equal(japanese.Select(t => t.Where), english.Select(t => t.Where));

        static string Rules(string text) => string.Join(", ", System.Text.RegularExpressions.Regex.Matches(text, @"\{\{\s*rules\.([a-z_]+)").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
        var different = japanese.Zip(english)
            .Where(p => Rules(p.First.Text) != Rules(p.Second.Text))
            .Select(p => $"{p.First.Where}: {Rules(p.First.Text)} / {Rules(p.Second.Text)}")
            .ToList();

        Assert.True(different.Count == 0, string.Join(Environment.NewLine, different));
    }
}

public class The_literal_scan
{
    [Theory]
    [InlineData("修正は公開から14日以内に適用する。", "14日")]
    [InlineData("年1回以上見直す。", "1回")]
    [InlineData("ログインに10回続けて失敗したら", "10回")]
    [InlineData("100万円以上の送金は", "100万円")]
    [InlineData("文書に「極秘」と表示する。", "極秘")]
    [InlineData("システム管理者へ報告する。", "システム管理者")]
    [InlineData("report it within one hour of noticing it", "one hour")]
    [InlineData("patches are applied within 3 business days", "3 business days")]
    [InlineData("reviewed once a quarter", "once a quarter")]
    [InlineData("payments of 500,000 yen or more", "500,000 yen")]
    [InlineData("tell the information security officer", "information security officer")]
    public void Finds_a_literal_that_should_be_a_value(string text, string literal) =>
        Assert.Contains(LiteralScan.Find(text), f => f.Text == literal);

    [Theory]
    [InlineData("## 3.3 分類に応じた取扱い")]
    [InlineData("2. 分類は情報の作成者が決める。")]
    [InlineData("7. 回線、VPN、DNS を契約する")]
    [InlineData("修正は公開から{{ rules.patch_critical_days }}日以内に適用する。")]
    [InlineData("the {{ roles.security_officer }} approves it")]
    public void Leaves_headings_and_placeholders_alone(string text) =>
        Assert.Empty(LiteralScan.Find(TemplateTexts.WithoutPlaceholders(text)));

    [Fact]
    public void Lets_through_only_what_an_allow_list_phrase_covers()
    {
        var list = new LiteralAllowList { Entries = [new() { Text = "期限の1か月前までに更新", Kind = "local", Reason = "r" }] };

        var (literals, used) = list.Check("証明書は期限の1か月前までに更新する。ログは1か月保存する。");

        Assert.Equal(["1か月"], literals.Select(l => l.Text));
        Assert.Single(used);
    }
}

public class The_house_style
{
    [Fact]
    public void Finds_a_variant_but_not_the_preferred_spelling_that_contains_it()
    {
        var style = HouseStyle.Load();

        Assert.Equal(["サーバ → サーバー"], style.VariantsIn("ファイルサーバとサーバーを分ける。", Language.Japanese));
        Assert.Empty(style.VariantsIn("ファイルサーバーの脆弱性", Language.Japanese));
        Assert.Equal(["e-mail → email"], style.VariantsIn("Send an e-mail.", Language.English));
    }
}

public sealed class HouseStyle
{
    public int Version { get; set; }

    public List<Term> Terms { get; set; } = [];

    public sealed class Term
    {
        public string Preferred { get; set; } = "";
        public List<string> Variants { get; set; } = [];
        public string Language { get; set; } = "";
        public string Reason { get; set; } = "";
    }

    public static HouseStyle Load() =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<HouseStyle>(File.ReadAllText(RepositoryFiles.Path("catalogs", "house-style.yaml")));

    /// <summary>Each variant found in <paramref name="text"/>, once the preferred spelling is set aside.</summary>
    public List<string> VariantsIn(string text, CultureInfo culture) =>
        Terms.Where(t => t.Language == culture.Code())
            .SelectMany(t => t.Variants
                .Where(v => text.Replace(t.Preferred, "\u3013", StringComparison.Ordinal).Contains(v, StringComparison.Ordinal))
                .Select(v => $"{v} → {t.Preferred}"))
            .ToList();
}

public class The_full_policy_set_with_default_values
{
    private static readonly LiteralAllowList AllowList = LiteralAllowList.Load();

    public static TheoryData<string> Languages => new() { "ja", "en" };

    /// <summary>
    /// Every Lv.1 topic, every Lv.2 chapter and all 93 Lv.3 control standards, and the basic policy, rendered
    /// through the generators with default values: nothing is left unfilled, and every number next to a unit is
    /// either a rule value's default or covered by the allow-list (a literal equal to a default cannot be told
    /// apart here; the template scan above catches it).
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void Has_no_unfilled_placeholder_and_no_literal_rule_value(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var organization = new Organization("sample", "株式会社サンプル", DateTimeOffset.UnixEpoch)
        {
            Representative = "代表取締役 山田 一郎", HandlesMyNumber = true, UsesCloudServices = true, Teleworks = true, HandlesPersonalInformation = true,
        };
        var roles = SaveRoles.Defaults(organization.Id, culture);
        var documents = new List<(string Where, string Text, IReadOnlyList<string> Unfilled)>();
        foreach (var topic in CatalogSet.Default.Topics)
        {
            var standard = GenerateStandards.Generate(topic.Id, organization, roles, GenerateStandards.Edits.None, culture);
            documents.Add(($"Lv.1 {topic.Id}", standard.Text, []));
            documents.AddRange(standard.Procedures.Select(p => ($"Lv.1 {topic.Id} {p.Audience}", p.Text, (IReadOnlyList<string>)[])));
        }

        var chapters = TailorRules.Tailor(organization, roles, culture);
        Assert.Equal(BaselineCatalog.For(culture).Chapters.Count, chapters.Count);
        documents.AddRange(chapters.Select(c => ($"Lv.2 {c.Chapter.Id}", c.Markdown, c.Unfilled)));
        foreach (var control in CatalogSet.Default.Controls)
        {
            var (text, unfilled) = TailorRules.Fill(ControlStandardCatalog.For(culture).BodyFor(control.Id)!, organization, roles, culture);
            documents.Add(($"Lv.3 A.{control.Id}", text, unfilled));
        }

        var policy = new PolicyDocument(organization.Id, DocumentKind.BasicPolicy, "0", "基本方針");
        var filled = RenderPolicy.Fill(PolicyTemplates.BasicPolicy(culture), organization, roles, policy,
            new DocumentVersion(organization.Id, policy.Id, 1, "", "test", DateTimeOffset.UnixEpoch), new DateOnly(2026, 4, 1), culture);
        documents.Add(("basic policy", filled.Text, filled.Unknown));

        Assert.Equal(93, documents.Count(d => d.Where.StartsWith("Lv.3", StringComparison.Ordinal)));
        var numbers = RuleValuesCatalog.For(culture).Values.Where(v => v.Kind is RuleValueKind.Number or RuleValueKind.Fact).ToList();
        var problems = new List<string>();
        foreach (var (where, text, unfilled) in documents)
        {
            problems.AddRange(unfilled.Select(u => $"{where}: unfilled {u}"));
            if (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal))
            {
                problems.Add($"{where}: a placeholder is left in the text");
            }

            var (literals, _) = AllowList.Check(text, roles: false);
            problems.AddRange(literals
                .Where(l => l.Kind != "label" && !numbers.Any(v => IsValueWithItsUnit(l.Text, v)))
                .Where(l => !IsDefaultFrequency(l.Text, culture))
                .Select(l => $"{where}: literal 「{l.Text}」"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // "14日" for patch_critical_days (unit 日以内), "12 months" for log_retention_months (unit months): a default as a template writes it.
    private static bool IsValueWithItsUnit(string literal, RuleValue value)
    {
        var shown = value.Display(null);
        if (!literal.StartsWith(shown, StringComparison.Ordinal))
        {
            return false;
        }

        var unit = literal[shown.Length..].Trim();
        return unit.Length > 0 && value.Unit.StartsWith(unit, StringComparison.OrdinalIgnoreCase);
    }

    // A frequency renders as a phrase ("年1回以上", "at least once a year"): its digits are the value, not a literal.
    private static bool IsDefaultFrequency(string literal, CultureInfo culture) =>
        RuleValuesCatalog.For(culture).Values.Where(v => v.Kind == RuleValueKind.Choice)
            .SelectMany(v => v.Choices).Any(c => c.Text.Contains(literal, StringComparison.OrdinalIgnoreCase));
}
