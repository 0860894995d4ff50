using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Mamori.Domain;
using Mamori.Domain.Catalog;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>A control theme as the catalog names it: 5 組織的管理策 …</summary>
public sealed record ThemeInfo(ControlTheme Theme, string Clause, string TitleJa, string TitleEn)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);
}

/// <summary>An asset type as the catalog names it: ハードウェア …</summary>
public sealed record AssetTypeInfo(AssetType Type, string TitleJa, string TitleEn)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);
}

/// <summary>A threat category: 物理的損傷 …</summary>
public sealed record ThreatCategoryInfo(string Id, string TitleJa, string TitleEn)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);
}

/// <summary>The label of an attribute value, e.g. preventive → 予防 / Preventive.</summary>
public sealed record AttributeLabel(string Ja, string En)
{
    public string Text(CultureInfo culture) => culture.Pick(Ja, En);
}

/// <summary>
/// Every catalog the product ships (catalogs/*.yaml), loaded once and checked: ids are
/// unique and every reference between catalogs resolves, or loading fails with the list
/// of what is wrong.
/// </summary>
public sealed class CatalogSet
{
    private static readonly Lazy<CatalogSet> Shipped = new(() => Load(ReadEmbedded));

    private readonly FrozenDictionary<string, Control> _controls;
    private readonly FrozenDictionary<string, Threat> _threats;
    private readonly FrozenDictionary<string, Vulnerability> _vulnerabilities;
    private readonly FrozenDictionary<string, ThreatTopic> _topics;
    private readonly FrozenDictionary<string, FrozenDictionary<string, AttributeLabel>> _attributeLabels;

    private CatalogSet(
        string framework,
        IReadOnlyList<ThemeInfo> themes,
        IReadOnlyList<Control> controls,
        Dictionary<string, Dictionary<string, AttributeLabel>> attributeLabels,
        IReadOnlyList<ThreatCategoryInfo> threatCategories,
        IReadOnlyList<Threat> threats,
        IReadOnlyList<AssetTypeInfo> assetTypes,
        IReadOnlyList<Vulnerability> vulnerabilities,
        IReadOnlyList<ThreatTopic> topics,
        IReadOnlyList<TopThreat> topThreats)
    {
        Framework = framework;
        Themes = themes;
        Controls = controls;
        ThreatCategories = threatCategories;
        Threats = threats;
        AssetTypes = assetTypes;
        Vulnerabilities = vulnerabilities;
        Topics = topics;
        TopThreats = topThreats;
        _controls = controls.ToFrozenDictionary(c => c.Id);
        _threats = threats.ToFrozenDictionary(t => t.Id);
        _vulnerabilities = vulnerabilities.ToFrozenDictionary(v => v.Id);
        _topics = topics.ToFrozenDictionary(t => t.Id);
        _attributeLabels = attributeLabels.ToFrozenDictionary(k => k.Key, k => k.Value.ToFrozenDictionary());
    }

    /// <summary>The catalogs built into this version of Mamori.</summary>
    public static CatalogSet Default => Shipped.Value;

    public string Framework { get; }

    public IReadOnlyList<ThemeInfo> Themes { get; }

    /// <summary>Annex A controls in clause order.</summary>
    public IReadOnlyList<Control> Controls { get; }

    public IReadOnlyList<ThreatCategoryInfo> ThreatCategories { get; }

    public IReadOnlyList<Threat> Threats { get; }

    public IReadOnlyList<AssetTypeInfo> AssetTypes { get; }

    public IReadOnlyList<Vulnerability> Vulnerabilities { get; }

    public IReadOnlyList<ThreatTopic> Topics { get; }

    /// <summary>All years' 10大脅威 entries, by year then rank.</summary>
    public IReadOnlyList<TopThreat> TopThreats { get; }

    public IReadOnlyList<int> TopThreatYears => TopThreats.Select(t => t.Year).Distinct().Order().ToList();

    public Control? FindControl(string id) => _controls.GetValueOrDefault(id);

    public Threat? FindThreat(string id) => _threats.GetValueOrDefault(id);

    public Vulnerability? FindVulnerability(string id) => _vulnerabilities.GetValueOrDefault(id);

    public ThreatTopic? FindTopic(string id) => _topics.GetValueOrDefault(id);

    /// <summary>The threat whose Japanese title or alias is <paramref name="titleJa"/>.</summary>
    public Threat? FindThreatByJapaneseTitle(string titleJa) =>
        Threats.FirstOrDefault(t => t.TitleJa == titleJa || t.AliasesJa.Contains(titleJa));

    public IReadOnlyList<TopThreat> TopThreatsOf(int year) => TopThreats.Where(t => t.Year == year).ToList();

    /// <summary>The label of an attribute value (kind: controlTypes, securityProperties, cybersecurityConcepts, operationalCapabilities).</summary>
    public AttributeLabel AttributeLabelOf(string kind, string value) =>
        _attributeLabels.TryGetValue(kind, out var labels) && labels.TryGetValue(value, out var label)
            ? label
            : new AttributeLabel(value, value);

    /// <summary>Loads catalogs through <paramref name="readFile"/> (file name → YAML text), checking every reference.</summary>
    public static CatalogSet Load(Func<string, string> readFile)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();

        var annex = Parse<AnnexAFile>(deserializer, readFile, "annex-a.yaml");
        var threatsFile = Parse<ThreatsFile>(deserializer, readFile, "threats.yaml");
        var vulnerabilitiesFile = Parse<VulnerabilitiesFile>(deserializer, readFile, "vulnerabilities.yaml");
        var top10 = Parse<Top10File>(deserializer, readFile, "top10.yaml");

        var problems = new List<string>();

        var themes = annex.Themes.Select(t => new ThemeInfo(ParseTheme(t.Id), t.Clause, t.TitleJa, t.TitleEn)).ToList();
        var controls = annex.Controls.Select(c => new Control(
            annex.Framework,
            c.Id,
            c.TitleJa,
            c.TitleEn,
            ParseTheme(c.Theme),
            new ControlAttributes(
                c.Attributes.ControlTypes,
                c.Attributes.SecurityProperties,
                c.Attributes.CybersecurityConcepts,
                c.Attributes.OperationalCapabilities),
            c.TitleJaAlternatives,
            c.NewIn2022)).ToList();
        foreach (var control in controls)
        {
            var clause = control.Id.Split('.')[0];
            var theme = themes.FirstOrDefault(t => t.Theme == control.Theme);
            if (theme is null || theme.Clause != clause)
            {
                problems.Add($"annex-a.yaml: control {control.Id} is filed under theme {control.Theme}, which is not clause {clause}.");
            }
        }

        var labels = annex.AttributeLabels.ToDictionary(
            k => k.Key,
            k => k.Value.ToDictionary(v => v.Key, v => new AttributeLabel(v.Value.Ja, v.Value.En)));

        var categories = threatsFile.Categories.Select(c => new ThreatCategoryInfo(c.Id, c.TitleJa, c.TitleEn)).ToList();
        var threats = threatsFile.Threats.Select(t => new Threat(
            t.Id, t.Category, t.TitleJa, t.TitleEn, ParseOrigins(t.Origins), t.AliasesJa, t.Controls)).ToList();

        var assetTypes = vulnerabilitiesFile.AssetTypes
            .Select(a => new AssetTypeInfo(ParseAssetType(a.Id), a.TitleJa, a.TitleEn)).ToList();
        var vulnerabilities = vulnerabilitiesFile.Vulnerabilities.Select(v => new Vulnerability(
            v.Id, ParseAssetType(v.AssetType), v.TitleJa, v.TitleEn, v.Threats, v.Controls)).ToList();

        var topics = top10.Topics.Select(t => new ThreatTopic(t.Id, t.TitleJa, t.TitleEn, t.Threats, t.Controls)).ToList();
        var topThreats = top10.Lists
            .SelectMany(l => l.Entries.Select(e => new TopThreat(l.Year, e.Rank, e.Topic, e.TitleJa, e.TitleEn, e.FirstSelected, PublishedOn(l.PublishedOn))))
            .OrderBy(t => t.Year).ThenBy(t => t.Rank)
            .ToList();

        CheckUnique(problems, "annex-a.yaml controls", controls.Select(c => c.Id));
        CheckUnique(problems, "threats.yaml categories", categories.Select(c => c.Id));
        CheckUnique(problems, "threats.yaml threats", threats.Select(t => t.Id));
        CheckUnique(problems, "vulnerabilities.yaml", vulnerabilities.Select(v => v.Id));
        CheckUnique(problems, "top10.yaml topics", topics.Select(t => t.Id));
        foreach (var year in top10.Lists.GroupBy(l => l.Year))
        {
            if (year.Count() > 1)
            {
                problems.Add($"top10.yaml: the year {year.Key} is listed more than once.");
            }

            CheckUnique(problems, $"top10.yaml {year.Key} ranks", year.SelectMany(l => l.Entries).Select(e => e.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var controlIds = controls.Select(c => c.Id).ToHashSet();
        var threatIds = threats.Select(t => t.Id).ToHashSet();
        var categoryIds = categories.Select(c => c.Id).ToHashSet();
        var topicIds = topics.Select(t => t.Id).ToHashSet();

        foreach (var threat in threats)
        {
            CheckRefs(problems, $"threats.yaml {threat.Id}", "category", [threat.Category], categoryIds);
            CheckRefs(problems, $"threats.yaml {threat.Id}", "control", threat.ControlIds, controlIds);
        }

        foreach (var vulnerability in vulnerabilities)
        {
            CheckRefs(problems, $"vulnerabilities.yaml {vulnerability.Id}", "threat", vulnerability.ThreatIds, threatIds);
            CheckRefs(problems, $"vulnerabilities.yaml {vulnerability.Id}", "control", vulnerability.ControlIds, controlIds);
        }

        foreach (var topic in topics)
        {
            CheckRefs(problems, $"top10.yaml topic {topic.Id}", "threat", topic.ThreatIds, threatIds);
            CheckRefs(problems, $"top10.yaml topic {topic.Id}", "control", topic.ControlIds, controlIds);
        }

        foreach (var entry in topThreats)
        {
            CheckRefs(problems, $"top10.yaml {entry.Year} #{entry.Rank}", "topic", [entry.TopicId], topicIds);
        }

        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new CatalogSet(
            annex.Framework, themes, controls, labels, categories, threats, assetTypes, vulnerabilities, topics, topThreats);
    }

    private static DateOnly? PublishedOn(string? day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    /// <summary>Reads a shipped catalog file from the assembly.</summary>
    public static string ReadEmbedded(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"catalogs/{fileName}")
            ?? throw new CatalogException([$"{fileName} is not built into this assembly."]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static T Parse<T>(IDeserializer deserializer, Func<string, string> readFile, string fileName)
    {
        try
        {
            return deserializer.Deserialize<T>(readFile(fileName));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CatalogException([$"{fileName}: line {e.Start.Line}: {e.Message}"]);
        }
    }

    private static void CheckUnique(List<string> problems, string where, IEnumerable<string> ids)
    {
        foreach (var duplicate in ids.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            problems.Add($"{where}: the id '{duplicate.Key}' is used {duplicate.Count()} times.");
        }
    }

    private static void CheckRefs(List<string> problems, string where, string kind, IEnumerable<string> refs, HashSet<string> known)
    {
        foreach (var missing in refs.Where(r => !known.Contains(r)))
        {
            problems.Add($"{where}: the {kind} '{missing}' does not exist.");
        }
    }

    private static ControlTheme ParseTheme(string id) => id switch
    {
        "organizational" => ControlTheme.Organizational,
        "people" => ControlTheme.People,
        "physical" => ControlTheme.Physical,
        "technological" => ControlTheme.Technological,
        _ => throw new CatalogException([$"annex-a.yaml: unknown theme '{id}'."]),
    };

    private static AssetType ParseAssetType(string id) => id switch
    {
        "hardware" => AssetType.Hardware,
        "software" => AssetType.Software,
        "network" => AssetType.Network,
        "personnel" => AssetType.Personnel,
        "site" => AssetType.Site,
        "organization" => AssetType.Organization,
        _ => throw new CatalogException([$"vulnerabilities.yaml: unknown asset type '{id}'."]),
    };

    private static ThreatOrigins ParseOrigins(IEnumerable<string> codes) =>
        codes.Aggregate(ThreatOrigins.None, (origins, code) => origins | code switch
        {
            "E" => ThreatOrigins.Environmental,
            "D" => ThreatOrigins.Deliberate,
            "A" => ThreatOrigins.Accidental,
            _ => throw new CatalogException([$"threats.yaml: unknown origin '{code}' (E, D or A)."]),
        });
}

/// <summary>A catalog file is broken; the message lists every problem found.</summary>
public sealed class CatalogException(IReadOnlyList<string> problems)
    : Exception("The catalogs are inconsistent:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
