using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Domain;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>
/// The Lv.3 content (catalogs/control-standards/*.yaml): a 対策基準 template for each of the 93
/// Annex A controls, in Japanese and English. Checked on load: every control has exactly one,
/// each cites its own control, and uses only placeholders Mamori can fill.
/// </summary>
public sealed partial class ControlStandardCatalog
{
    /// <summary>The files, in control order.</summary>
    public static readonly IReadOnlyList<string> Files = ["a5-1", "a5-2", "a6-7", "a8-1", "a8-2"];

    /// <summary>Names the templates may use; the values come from the organization, its roles and the Lv.2 variables.</summary>
    public static IReadOnlySet<string> KnownPlaceholders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "organization.name", "organization.representative", "organization.industry",
    }
    .Concat(Features.Policies.PolicyTemplates.DefaultRoles.Select(r => "roles." + r.Key))
    .Concat(RuleValuesCatalog.For(Language.Japanese).Values.Select(v => "rules." + v.Key))
    .ToFrozenSet(StringComparer.Ordinal);

    private static readonly Lazy<ControlStandardCatalog> Japanese = new(() => Load(CatalogSet.Default, Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<ControlStandardCatalog> English = new(() => Load(CatalogSet.Default, Language.English, CatalogSet.ReadEmbedded));

    private readonly FrozenDictionary<string, string> _bodies;

    private ControlStandardCatalog(Dictionary<string, string> bodies) => _bodies = bodies.ToFrozenDictionary();

    public static ControlStandardCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    /// <summary>The template (Markdown with placeholders) for a control.</summary>
    public string? BodyFor(string controlId) => _bodies.GetValueOrDefault(controlId);

    public static ControlStandardCatalog Load(CatalogSet catalogs, CultureInfo culture, Func<string, string> readFile)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var problems = new List<string>();
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Files)
        {
            var file = deserializer.Deserialize<StandardsFile>(readFile($"control-standards/{name}.yaml"));
            foreach (var entry in file.Standards)
            {
                var where = $"control-standards/{name}.yaml {entry.Control}";
                var body = culture.Pick(entry.BodyJa, entry.BodyEn).Trim();
                if (catalogs.FindControl(entry.Control) is null)
                {
                    problems.Add($"{where}: no such Annex A control.");
                }
                else if (!bodies.TryAdd(entry.Control, body))
                {
                    problems.Add($"{where}: a second template for the same control.");
                }

                if (!body.Contains($"A.{entry.Control} ", StringComparison.Ordinal))
                {
                    problems.Add($"{where}: the text does not cite its control as A.{entry.Control}.");
                }

                problems.AddRange(Placeholder().Matches(body).Select(m => m.Groups[1].Value)
                    .Where(p => !KnownPlaceholders.Contains(p)).Distinct()
                    .Select(p => $"{where}: unknown placeholder {{{{ {p} }}}}."));
            }
        }

        problems.AddRange(catalogs.Controls.Where(c => !bodies.ContainsKey(c.Id)).Select(c => $"control {c.Id} has no standard template."));
        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new ControlStandardCatalog(bodies);
    }

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_.]*)")]
    private static partial Regex Placeholder();

    private sealed class StandardsFile
    {
        public int Version { get; set; }

        public List<Entry> Standards { get; set; } = [];
    }

    private sealed class Entry
    {
        public string Control { get; set; } = "";

        public string BodyJa { get; set; } = "";

        public string BodyEn { get; set; } = "";
    }
}
