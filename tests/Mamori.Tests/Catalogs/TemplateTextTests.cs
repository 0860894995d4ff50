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

/// <summary>The house style as the product loads it (<see cref="HouseStyleCatalog"/>), read per language.</summary>
public sealed class HouseStyle
{
    private HouseStyle(IReadOnlyList<HouseStyleTerm> terms) => Terms = terms;

    public IReadOnlyList<HouseStyleTerm> Terms { get; }

    public static HouseStyle Load() =>
        new(HouseStyleCatalog.Load(name => File.ReadAllText(RepositoryFiles.Path("catalogs", name))).Terms);

    /// <summary>Each variant found in <paramref name="text"/>, once the preferred spelling is set aside.</summary>
    public List<string> VariantsIn(string text, CultureInfo culture) =>
        Terms.Where(t => t.Language == culture.Code())
            .SelectMany(t => t.Variants
                .Where(v => text.Replace(t.Preferred, "\u3013", StringComparison.Ordinal).Contains(v, StringComparison.Ordinal))
                .Select(v => $"{v} → {t.Preferred}"))
            .ToList();
}
