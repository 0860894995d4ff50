using System.Globalization;
using Mamori.Domain;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

public enum RuleValueKind
{
    /// <summary>A whole or decimal number between Min and Max; the template writes its unit.</summary>
    Number,

    /// <summary>One of a fixed list (a frequency); the template gets the chosen text.</summary>
    Choice,

    /// <summary>Free text: a label or an approver.</summary>
    Text,

    /// <summary>A legal period: shown with its source, never edited.</summary>
    Fact,
}

public sealed record RuleChoice(string Key, string Text);

public sealed record RuleGroup(string Key, string Title);

/// <summary>One 規程の基準値 in one language: what it is, its unit, its default and bounds, and why.</summary>
public sealed record RuleValue(
    string Key, string Group, RuleValueKind Kind, string Label, string Unit, string Default,
    decimal? Min, decimal? Max, int Decimals, IReadOnlyList<RuleChoice> Choices, string Reason)
{
    /// <summary>The value as a template writes it: a number in invariant digits, a choice's text, the text itself.</summary>
    /// <param name="stored">What the organization set (a number, a choice key or a text), or null for the default.</param>
    public string Display(string? stored)
    {
        var value = Kind == RuleValueKind.Fact || string.IsNullOrWhiteSpace(stored) ? Default : stored.Trim();
        return Kind switch
        {
            RuleValueKind.Choice => Choices.FirstOrDefault(c => c.Key == value)?.Text ?? Choices.First(c => c.Key == Default).Text,
            RuleValueKind.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) =>
                number.ToString(Decimals > 0 ? "F" + Decimals.ToString(CultureInfo.InvariantCulture) : "#,0", CultureInfo.InvariantCulture),
            _ => value,
        };
    }
}

/// <summary>
/// The rule values every template of the policy set reads as {{ rules.&lt;key&gt; }}
/// (catalogs/rule-values.yaml), in one language. Checked on load: unique keys, known groups,
/// defaults inside their bounds or among their choices.
/// </summary>
public sealed class RuleValuesCatalog
{
    private static readonly Lazy<RuleValuesCatalog> Japanese = new(() => Load(Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<RuleValuesCatalog> English = new(() => Load(Language.English, CatalogSet.ReadEmbedded));

    private RuleValuesCatalog(IReadOnlyList<RuleGroup> groups, IReadOnlyList<RuleValue> values)
    {
        Groups = groups;
        Values = values;
    }

    public static RuleValuesCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    public IReadOnlyList<RuleGroup> Groups { get; }

    public IReadOnlyList<RuleValue> Values { get; }

    public RuleValue? Find(string key) => Values.FirstOrDefault(v => v.Key == key);

    /// <summary>Every value as templates write it, by key, from what the organization set (missing keys take their defaults).</summary>
    public IReadOnlyDictionary<string, string> Displays(IReadOnlyDictionary<string, string> stored) =>
        Values.ToDictionary(v => v.Key, v => v.Display(stored.GetValueOrDefault(v.Key)), StringComparer.Ordinal);

    public static RuleValuesCatalog Load(CultureInfo culture, Func<string, string> readFile)
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<RuleValuesFile>(readFile("rule-values.yaml"));
        var english = culture.IsEnglish();
        string Pick(string ja, string en) => english ? en : ja;
        var problems = new List<string>();
        var frequencies = file.Frequencies.ToDictionary(f => f.Key, f => new RuleChoice(f.Key, Pick(f.Ja, f.En)));
        var groups = file.Groups.Select(g => new RuleGroup(g.Key, Pick(g.Ja, g.En))).ToList();
        var values = new List<RuleValue>();
        foreach (var entry in file.Values)
        {
            var where = $"rule-values.yaml {entry.Key}";
            if (!Enum.TryParse<RuleValueKind>(entry.Kind, ignoreCase: true, out var kind))
            {
                problems.Add($"{where}: the kind '{entry.Kind}' is not number, choice, text or fact.");
                continue;
            }

            if (groups.All(g => g.Key != entry.Group))
            {
                problems.Add($"{where}: the group '{entry.Group}' is not listed under groups.");
            }

            if (values.Any(v => v.Key == entry.Key))
            {
                problems.Add($"{where}: the key is listed twice.");
            }

            var choices = entry.Choices.Select(c => frequencies.GetValueOrDefault(c)).ToList();
            if (choices.Contains(null))
            {
                problems.Add($"{where}: a choice is not listed under frequencies.");
            }

            var value = new RuleValue(
                entry.Key, entry.Group, kind, Pick(entry.LabelJa, entry.LabelEn), Pick(entry.UnitJa, entry.UnitEn),
                english && entry.DefaultEn.Length > 0 ? entry.DefaultEn : entry.Default,
                entry.Min, entry.Max, entry.Decimals, choices.OfType<RuleChoice>().ToList(), Pick(entry.ReasonJa, entry.ReasonEn));
            var problem = kind switch
            {
                RuleValueKind.Number when entry.Min is null || entry.Max is null => "a number needs min and max.",
                RuleValueKind.Number when !decimal.TryParse(entry.Default, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) || d < entry.Min || d > entry.Max =>
                    $"the default {entry.Default} is not a number between {entry.Min} and {entry.Max}.",
                RuleValueKind.Choice when value.Choices.All(c => c.Key != entry.Default) => $"the default {entry.Default} is not one of its choices.",
                _ when value.Label.Length == 0 || value.Reason.Length == 0 || value.Default.Length == 0 => "a label, a reason and a default are needed in both languages.",
                _ => null,
            };
            if (problem is not null)
            {
                problems.Add($"{where}: {problem}");
            }

            values.Add(value);
        }

        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new RuleValuesCatalog(groups, values);
    }

    private sealed class RuleValuesFile
    {
        public int Version { get; set; }
        public List<TextEntry> Frequencies { get; set; } = [];
        public List<TextEntry> Groups { get; set; } = [];
        public List<ValueEntry> Values { get; set; } = [];
    }

    private sealed class TextEntry
    {
        public string Key { get; set; } = "";
        public string Ja { get; set; } = "";
        public string En { get; set; } = "";
    }

    private sealed class ValueEntry
    {
        public string Key { get; set; } = "";
        public string Group { get; set; } = "";
        public string Kind { get; set; } = "";
        public string LabelJa { get; set; } = "";
        public string LabelEn { get; set; } = "";
        public string UnitJa { get; set; } = "";
        public string UnitEn { get; set; } = "";
        public string Default { get; set; } = "";
        public string DefaultEn { get; set; } = "";
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public int Decimals { get; set; }
        public List<string> Choices { get; set; } = [];
        public string ReasonJa { get; set; } = "";
        public string ReasonEn { get; set; } = "";
    }
}
