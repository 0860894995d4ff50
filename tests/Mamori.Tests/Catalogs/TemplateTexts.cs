using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Features.Policies;
using Mamori.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Tests.Catalogs;

/// <summary>One template text of the policy set, with where it comes from.</summary>
public sealed record TemplateText(string Where, string Text, CultureInfo Culture);

/// <summary>
/// Every text a template of the policy set is made from, in both languages: the Lv.1 standards and
/// procedures (not the incident cases, which are stories), the Lv.2 chapters, the 93 Lv.3 control
/// standards, the basic policy, the roles table's responsibilities, and the forms with the 5か条.
/// </summary>
public static partial class TemplateTexts
{
    public static IEnumerable<TemplateText> All() => Of(Language.Japanese).Concat(Of(Language.English));

    public static IEnumerable<TemplateText> Of(CultureInfo culture)
    {
        foreach (var standard in QuickCatalog.For(culture).Standards)
        {
            var where = $"quick/{standard.TopicId}";
            yield return new($"{where} title", standard.Title, culture);
            yield return new($"{where} threat", standard.Threat, culture);
            foreach (var measure in standard.Measures)
            {
                yield return new($"{where} {measure.Id}", measure.Text, culture);
                foreach (var (p, i) in measure.Procedures.Select((p, i) => (p, i)))
                {
                    foreach (var (field, text) in new[] { ("what", p.What), ("when", p.When), ("check", p.Check), ("record", p.Record) })
                    {
                        yield return new($"{where} {measure.Id} procedure {i + 1} {field}", text, culture);
                    }
                }
            }
        }

        foreach (var chapter in BaselineCatalog.For(culture).Chapters)
        {
            yield return new($"baseline/chapters/{chapter.Id}", chapter.Body, culture);
        }

        var controls = ControlStandardCatalog.For(culture);
        foreach (var control in CatalogSet.Default.Controls)
        {
            yield return new($"control-standards A.{control.Id}", controls.BodyFor(control.Id)!, culture);
        }

        foreach (var form in FormCatalog.For(culture).Forms)
        {
            yield return new($"forms/{form.Id}", form.Body, culture);
        }

        yield return new("templates/basic-policy", PolicyTemplates.BasicPolicy(culture), culture);
        foreach (var role in PolicyTemplates.DefaultRoles)
        {
            yield return new($"templates/roles {role.Key}", role.Responsibility(culture), culture);
        }
    }

    /// <summary>The text with every {{ … }} and {% … %} replaced by one mark, so what a placeholder holds is never read as text.</summary>
    public static string WithoutPlaceholders(string text) => Placeholder().Replace(text, "〓");

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();
}

/// <summary>
/// Finds literal text that should be a rule value or a role placeholder: digits (or English number
/// words) next to a time or count unit, yen amounts, the classification label words and role titles.
/// </summary>
public static partial class LiteralScan
{
    public sealed record Finding(int Index, int Length, string Kind, string Text);

    public static IEnumerable<Finding> Find(string text, bool roles = true)
    {
        IEnumerable<(Regex Pattern, string Kind)> patterns =
        [
            (JapaneseQuantity(), "number"), (EnglishQuantity(), "number"), (EnglishFrequency(), "frequency"),
            (Yen(), "amount"), (Label(), "label"),
        ];
        if (roles)
        {
            patterns = patterns.Append((RoleTitle(), "role"));
        }

        // A date (2026年4月1日, 4月1日) is not a period: blank it out, keeping every index where it was.
        text = Date().Replace(text, m => new string('〓', m.Length));
        return patterns.SelectMany(p => p.Pattern.Matches(text).Select(m => new Finding(m.Index, m.Length, p.Kind, m.Value))).OrderBy(f => f.Index);
    }

    // 14日, 3営業日, 年1回, 30分, 6桁, 100万円 … but not a heading number before a word (「2. 分類」, 「3.3 分類」, 「7. 回線」).
    [GeneratedRegex(@"(?<![0-9０-９.])[0-9０-９](?:[0-9０-９,，〜～]|\.[0-9])*(?:営業日|時間|週間|か月|ヶ月|カ月|文字|桁|万円|円|年|週|日(?!本)|分(?![類析担離散割野け])|回(?![線答復避収]))")]
    private static partial Regex JapaneseQuantity();

    [GeneratedRegex(@"[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日")]
    private static partial Regex Date();

    [GeneratedRegex(@"\b(?:\d[\d,.–]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)[\s-]+(?:business[\s-]+)?(?:minutes?|hours?|days?|weeks?|months?|years?|characters?|digits?|failures?|times)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishQuantity();

    [GeneratedRegex(@"\b(?:once|twice)\s+(?:a|an|per|every)\s+(?:day|week|month|quarter|year)\b|\b(?:every|each)\s+(?:day|week|month|quarter|year|six months|three months)\b(?!')|\b(?:daily|weekly|monthly|quarterly|yearly|annually|annual|six-monthly|twice-yearly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishFrequency();

    [GeneratedRegex(@"\d[\d,.]*\s*(?:million\s+)?yen\b|millions of yen|¥\s*\d")]
    private static partial Regex Yen();

    [GeneratedRegex(@"極秘|社外秘|部外秘|「機密」|「公開」|\bSecret\b|\b[Ii]nternal[- ]only\b|'confidential'|""Confidential""")]
    private static partial Regex Label();

    [GeneratedRegex(@"情報セキュリティ責任者|情報セキュリティ部門責任者|システム管理者|教育責任者|開発責任者|経理責任者|information security officer|departmental security manager|system administrator|training officer|education officer|development lead|accounting manager", RegexOptions.IgnoreCase)]
    private static partial Regex RoleTitle();
}

/// <summary>catalogs/literal-allowlist.yaml: phrases whose numbers are facts or a step's own detail, not rule values.</summary>
public sealed class LiteralAllowList
{
    public int Version { get; set; }

    public List<Entry> Entries { get; set; } = [];

    public sealed class Entry
    {
        public string Text { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Reason { get; set; } = "";
        public string ProposedKey { get; set; } = "";
    }

    public static LiteralAllowList Load() =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<LiteralAllowList>(File.ReadAllText(RepositoryFiles.Path("catalogs", "literal-allowlist.yaml")));

    /// <summary>The findings of <paramref name="text"/> that no allow-list phrase covers, and the entries that covered one.</summary>
    public (List<LiteralScan.Finding> Literals, HashSet<Entry> Used) Check(string text, bool roles = true)
    {
        var covered = new List<(int Start, int End, Entry Entry)>();
        foreach (var entry in Entries)
        {
            for (var at = text.IndexOf(entry.Text, StringComparison.Ordinal); at >= 0; at = text.IndexOf(entry.Text, at + 1, StringComparison.Ordinal))
            {
                covered.Add((at, at + entry.Text.Length, entry));
            }
        }

        var used = new HashSet<Entry>();
        var literals = new List<LiteralScan.Finding>();
        foreach (var finding in LiteralScan.Find(text, roles))
        {
            var cover = covered.Where(c => c.Start <= finding.Index && finding.Index + finding.Length <= c.End).ToList();
            if (cover.Count == 0)
            {
                literals.Add(finding);
            }

            used.UnionWith(cover.Select(c => c.Entry));
        }

        return (literals, used);
    }
}
