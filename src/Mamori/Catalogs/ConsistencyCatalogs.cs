using System.Globalization;
using Mamori.Domain;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>One house-style term (catalogs/house-style.yaml): the spelling to use and the variants not to.</summary>
public sealed record HouseStyleTerm(string Preferred, IReadOnlyList<string> Variants, string Language, string Reason);

/// <summary>The house style every text of the policy set follows (catalogs/house-style.yaml).</summary>
public sealed class HouseStyleCatalog
{
    private static readonly Lazy<HouseStyleCatalog> Shipped = new(() => Load(CatalogSet.ReadEmbedded));

    private HouseStyleCatalog(IReadOnlyList<HouseStyleTerm> terms) => Terms = terms;

    public static HouseStyleCatalog Default => Shipped.Value;

    public IReadOnlyList<HouseStyleTerm> Terms { get; }

    public static HouseStyleCatalog Load(Func<string, string> readFile)
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<StyleFile>(readFile("house-style.yaml"));
        return new(file.Terms.Select(t => new HouseStyleTerm(t.Preferred, t.Variants, t.Language, t.Reason)).ToList());
    }

    private sealed class StyleFile
    {
        public int Version { get; set; }
        public List<TermEntry> Terms { get; set; } = [];
    }

    private sealed class TermEntry
    {
        public string Preferred { get; set; } = "";
        public List<string> Variants { get; set; } = [];
        public string Language { get; set; } = "";
        public string Reason { get; set; } = "";
    }
}

/// <summary>
/// The words that tie a phrase of a document to a rule value (catalogs/value-topics.yaml), for the
/// consistency check: each key of catalogs/rule-values.yaml it knows, with its words in one language.
/// </summary>
public sealed class ValueTopicsCatalog
{
    private static readonly Lazy<ValueTopicsCatalog> Japanese = new(() => Load(Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<ValueTopicsCatalog> English = new(() => Load(Language.English, CatalogSet.ReadEmbedded));

    private ValueTopicsCatalog(IReadOnlyDictionary<string, IReadOnlyList<string>> words, IReadOnlySet<string> checks)
    {
        Words = words;
        Checks = checks;
    }

    public static ValueTopicsCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    /// <summary>Rule value key → its words.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Words { get; }

    /// <summary>The keys whose value is how often something is checked (a review, a restore test).</summary>
    public IReadOnlySet<string> Checks { get; }

    public static ValueTopicsCatalog Load(CultureInfo culture, Func<string, string> readFile)
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<TopicsFile>(readFile("value-topics.yaml"));
        var values = RuleValuesCatalog.Load(culture, readFile);
        var problems = file.Topics.Where(t => values.Find(t.Key) is null).Select(t => $"value-topics.yaml {t.Key}: not a key of rule-values.yaml.")
            .Concat(file.Topics.GroupBy(t => t.Key).Where(g => g.Count() > 1).Select(g => $"value-topics.yaml {g.Key}: listed twice."))
            .ToList();
        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new(
            file.Topics.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)culture.Pick(t.Ja, t.En), StringComparer.Ordinal),
            file.Topics.Where(t => t.Check).Select(t => t.Key).ToHashSet(StringComparer.Ordinal));
    }

    private sealed class TopicsFile
    {
        public int Version { get; set; }
        public List<TopicEntry> Topics { get; set; } = [];
    }

    private sealed class TopicEntry
    {
        public string Key { get; set; } = "";
        public List<string> Ja { get; set; } = [];
        public List<string> En { get; set; } = [];
        public bool Check { get; set; }
    }
}
