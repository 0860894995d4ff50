using System.Globalization;
using Mamori.Domain;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>A term of the glossary (catalogs/glossary.yaml): 脅威, 脆弱性, リスク値 …</summary>
public sealed record GlossaryTerm(
    string Id,
    bool Seminar,
    string TermJa,
    string TermEn,
    IReadOnlyList<string> AliasesJa,
    string SummaryJa,
    string SummaryEn,
    string DefinitionJa,
    string DefinitionEn,
    string? ExampleJa,
    string? ExampleEn,
    IReadOnlyList<string> Related)
{
    public string Term(CultureInfo culture) => culture.Pick(TermJa, TermEn);

    /// <summary>One sentence, for the hint beside the word.</summary>
    public string Summary(CultureInfo culture) => culture.Pick(SummaryJa, SummaryEn);

    public string Definition(CultureInfo culture) => culture.Pick(DefinitionJa, DefinitionEn);

    public string? Example(CultureInfo culture) => culture.Pick(ExampleJa, ExampleEn);
}

/// <summary>What one number of a rating scale means.</summary>
public sealed record RatingLevel(int Value, string Ja, string En)
{
    public string Meaning(CultureInfo culture) => culture.Pick(Ja, En);
}

/// <summary>A 1–3 scale a form rates with (機密性, 脅威の起こりやすさ …), highest first, and the term it rates.</summary>
public sealed record RatingScale(string Id, string TitleJa, string TitleEn, string TermId, IReadOnlyList<RatingLevel> Levels)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);
}

/// <summary>The glossary and the rating scales, loaded once and checked: ids unique, references resolved, every scale 3, 2, 1.</summary>
public sealed class GlossaryCatalog
{
    private static readonly Lazy<GlossaryCatalog> Shipped = new(() => Load(CatalogSet.ReadEmbedded));

    private GlossaryCatalog(IReadOnlyList<GlossaryTerm> terms, IReadOnlyList<RatingScale> scales)
    {
        Terms = terms;
        Scales = scales;
    }

    public static GlossaryCatalog Default => Shipped.Value;

    /// <summary>The terms in the catalog's order.</summary>
    public IReadOnlyList<GlossaryTerm> Terms { get; }

    public IReadOnlyList<RatingScale> Scales { get; }

    public GlossaryTerm Term(string id) =>
        Terms.FirstOrDefault(t => t.Id == id) ?? throw new ArgumentException($"No glossary term '{id}'.", nameof(id));

    public RatingScale Scale(string id) =>
        Scales.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"No rating scale '{id}'.", nameof(id));

    public static GlossaryCatalog Load(Func<string, string> readFile)
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<GlossaryFile>(readFile("glossary.yaml"));
        var terms = file.Terms.Select(t => new GlossaryTerm(
            t.Id, t.Seminar, t.TermJa, t.TermEn, t.AliasesJa, t.SummaryJa.Trim(), t.SummaryEn.Trim(), t.DefinitionJa.Trim(), t.DefinitionEn.Trim(),
            t.ExampleJa, t.ExampleEn, t.Related)).ToList();
        var scales = file.Scales.Select(s => new RatingScale(
            s.Id, s.TitleJa, s.TitleEn, s.Term, s.Levels.Select(l => new RatingLevel(l.Value, l.Ja, l.En)).ToList())).ToList();

        var problems = new List<string>();
        var ids = terms.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(terms.GroupBy(t => t.Id).Where(g => g.Count() > 1).Select(g => $"glossary.yaml: the term '{g.Key}' is listed {g.Count()} times."));
        problems.AddRange(scales.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => $"glossary.yaml: the scale '{g.Key}' is listed {g.Count()} times."));
        problems.AddRange(terms.SelectMany(t => t.Related.Where(r => !ids.Contains(r) || r == t.Id).Select(r => $"glossary.yaml: the term '{t.Id}' relates to '{r}', which is not another term.")));
        problems.AddRange(terms.Where(t => (t.ExampleJa is null) != (t.ExampleEn is null)).Select(t => $"glossary.yaml: the term '{t.Id}' has an example in one language only."));
        problems.AddRange(scales.Where(s => !ids.Contains(s.TermId)).Select(s => $"glossary.yaml: the scale '{s.Id}' rates '{s.TermId}', which does not exist."));
        problems.AddRange(scales.Where(s => !s.Levels.Select(l => l.Value).SequenceEqual([3, 2, 1])).Select(s => $"glossary.yaml: the scale '{s.Id}' must list the values 3, 2 and 1, in that order."));
        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new GlossaryCatalog(terms, scales);
    }

    private sealed class GlossaryFile
    {
        public int Version { get; set; }

        public List<TermEntry> Terms { get; set; } = [];

        public List<ScaleEntry> Scales { get; set; } = [];
    }

    private sealed class TermEntry
    {
        public string Id { get; set; } = "";

        public bool Seminar { get; set; }

        public string TermJa { get; set; } = "";

        public string TermEn { get; set; } = "";

        public List<string> AliasesJa { get; set; } = [];

        public string SummaryJa { get; set; } = "";

        public string SummaryEn { get; set; } = "";

        public string DefinitionJa { get; set; } = "";

        public string DefinitionEn { get; set; } = "";

        public string? ExampleJa { get; set; }

        public string? ExampleEn { get; set; }

        public List<string> Related { get; set; } = [];
    }

    private sealed class ScaleEntry
    {
        public string Id { get; set; } = "";

        public string TitleJa { get; set; } = "";

        public string TitleEn { get; set; } = "";

        public string Term { get; set; } = "";

        public List<LevelEntry> Levels { get; set; } = [];
    }

    private sealed class LevelEntry
    {
        public int Value { get; set; }

        public string Ja { get; set; } = "";

        public string En { get; set; } = "";
    }
}
