using System.Globalization;
using System.Text;
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

/// <summary>Why a value typed for a rule value cannot be kept (<see cref="RuleValue.Parse"/>).</summary>
public enum RuleValueProblem
{
    None,
    Empty,
    NotANumber,
    OutOfRange,
    TooManyDecimals,
    NotAChoice,
    TooLong,
    LineBreak,

    /// <summary>A fact: nobody sets it.</summary>
    Fixed,
}

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

    /// <summary>The longest text a text value may hold (a label or an approver, written inside sentences).</summary>
    public const int MaxTextLength = 40;

    /// <summary>
    /// Reads what a person typed: a number between Min and Max with at most Decimals decimals
    /// (full-width digits and thousands separators accepted), a choice's key, or one line of text
    /// up to <see cref="MaxTextLength"/> characters. A fact is never set.
    /// </summary>
    /// <param name="canonical">The value as it is stored: a number in invariant digits, the choice's key, the trimmed text.</param>
    public RuleValueProblem Parse(string? input, out string canonical)
    {
        canonical = "";
        if (Kind == RuleValueKind.Fact)
        {
            return RuleValueProblem.Fixed;
        }

        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return RuleValueProblem.Empty;
        }

        switch (Kind)
        {
            case RuleValueKind.Number:
                if (!decimal.TryParse(text.Normalize(NormalizationForm.FormKC), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return RuleValueProblem.NotANumber;
                }

                if (number < Min || number > Max)
                {
                    return RuleValueProblem.OutOfRange;
                }

                if (decimal.Round(number, Decimals) != number)
                {
                    return RuleValueProblem.TooManyDecimals;
                }

                canonical = decimal.Round(number, Decimals).ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                return RuleValueProblem.None;
            case RuleValueKind.Choice:
                if (Choices.All(c => c.Key != text))
                {
                    return RuleValueProblem.NotAChoice;
                }

                canonical = text;
                return RuleValueProblem.None;
            default:
                if (text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
                {
                    return RuleValueProblem.LineBreak;
                }

                if (text.EnumerateRunes().Count() > MaxTextLength)
                {
                    return RuleValueProblem.TooLong;
                }

                canonical = text;
                return RuleValueProblem.None;
        }
    }

    /// <summary>
    /// What an approved document keeps of the organization's setting: the number or choice in effect
    /// (the default when unset, so a later change of the catalog's default does not reach it); the
    /// text, or "" for a text left at its default (written in the reader's language); "" for a fact.
    /// </summary>
    public string Setting(string? stored) => Kind switch
    {
        RuleValueKind.Fact => "",
        RuleValueKind.Text => Parse(stored, out var text) == RuleValueProblem.None ? text : "",
        _ => Parse(stored, out var value) == RuleValueProblem.None ? value : Parse(Default, out var fallback) == RuleValueProblem.None ? fallback : Default,
    };

    /// <summary>A bound or a number as messages and pages write it: 1,000,000 or 7.0.</summary>
    public string Format(decimal number) =>
        number.ToString(Decimals > 0 ? "F" + Decimals.ToString(CultureInfo.InvariantCulture) : "#,0", CultureInfo.InvariantCulture);
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

    /// <summary>
    /// Is this setting of <paramref name="key"/> its default? A text counts as the default when it
    /// is the default of either language (極秘 or Secret), so saving a form unchanged sets nothing.
    /// </summary>
    public static bool IsDefault(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? setting) =>
        string.IsNullOrWhiteSpace(setting)
        || new[] { Japanese.Value, English.Value }.Any(catalog => catalog.Find(key) is { } value && value.Display(setting) == value.Display(null));

    /// <summary>Do two settings of <paramref name="key"/> read the same, in both languages?</summary>
    public static bool SameValue(string key, string? a, string? b)
    {
        a = IsDefault(key, a) ? null : a;
        b = IsDefault(key, b) ? null : b;
        return new[] { Japanese.Value, English.Value }.All(catalog => catalog.Find(key) is not { } value || value.Display(a) == value.Display(b));
    }

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
        var frequencies = file.Frequencies.Concat(file.Options).ToDictionary(f => f.Key, f => new RuleChoice(f.Key, Pick(f.Ja, f.En)));
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
                problems.Add($"{where}: a choice is not listed under frequencies or options.");
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
        public List<TextEntry> Options { get; set; } = [];
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
