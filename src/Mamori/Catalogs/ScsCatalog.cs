using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Domain;
using Mamori.Domain.Catalog;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>
/// The criteria of the サプライチェーン強化に向けたセキュリティ対策評価制度 (SCS), every ★ level in one catalog
/// (catalogs/scs/*.yaml: star3.yaml, later star4.yaml holding what ★4 adds), both languages in each
/// record. Checked on load: ids well-formed, unique across files and nested in their parents; every
/// Annex A control, 自社診断 item, Mamori measure and rule value a criterion names exists.
/// </summary>
public sealed partial class ScsCatalog
{
    /// <summary>Where the files are, among the catalogs.</summary>
    public const string Folder = "scs/";

    /// <summary>The catalogs a criterion's measures point into, by prefix.</summary>
    public static readonly IReadOnlyList<string> MeasureCatalogs = ["baseline", "standard", "quick", "form", "template"];

    private static readonly IReadOnlyList<string> Templates = ["basic-policy", "roles"];

    private static readonly Lazy<ScsCatalog> Shipped = new(() => Load(CatalogSet.Default, EmbeddedFiles(), CatalogSet.ReadEmbedded));

    private readonly FrozenDictionary<string, ScsCriterion> _criteria;
    private readonly FrozenDictionary<string, ScsRequirement> _requirements;
    private readonly FrozenDictionary<string, ScsCategory> _categories;

    private ScsCatalog(IReadOnlyList<ScsLevel> levels, IReadOnlyList<ScsCategory> categories, IReadOnlyList<ScsRequirement> requirements, IReadOnlyList<ScsCriterion> criteria)
    {
        Levels = levels;
        Categories = categories;
        Requirements = requirements;
        Criteria = criteria;
        _criteria = criteria.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _requirements = requirements.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        _categories = categories.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalog built into this version of Mamori.</summary>
    public static ScsCatalog Default => Shipped.Value;

    /// <summary>The ★ levels the catalog holds, lowest first, each with the date of the criteria it follows.</summary>
    public IReadOnlyList<ScsLevel> Levels { get; }

    /// <summary>Categories 1–7, in order.</summary>
    public IReadOnlyList<ScsCategory> Categories { get; }

    /// <summary>Every requirement of every level, in id order (1-2-1, 1-2-3 … 7-1-1).</summary>
    public IReadOnlyList<ScsRequirement> Requirements { get; }

    /// <summary>Every criterion of every level, in id order (1-2-1-1 … 7-1-1-1), each level's additions among them.</summary>
    public IReadOnlyList<ScsCriterion> Criteria { get; }

    /// <summary>A criterion by its id (1-2-1-1).</summary>
    public ScsCriterion? Find(string id) => _criteria.GetValueOrDefault(id);

    public ScsRequirement? FindRequirement(string id) => _requirements.GetValueOrDefault(id);

    public ScsCategory? FindCategory(string id) => _categories.GetValueOrDefault(id);

    /// <summary>The criteria a ★<paramref name="level"/> assessment answers: its own and those of every lower level.</summary>
    public IReadOnlyList<ScsCriterion> CriteriaOf(int level) => Criteria.Where(c => c.Level <= level).ToList();

    public IReadOnlyList<ScsRequirement> RequirementsOf(int level) => Requirements.Where(r => r.Level <= level).ToList();

    /// <summary>The names of the shipped files (scs/star3.yaml …).</summary>
    public static IReadOnlyList<string> EmbeddedFiles()
    {
        const string prefix = "catalogs/" + Folder;
        return typeof(ScsCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n["catalogs/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads <paramref name="files"/> through <paramref name="readFile"/>, checking every id and reference.</summary>
    public static ScsCatalog Load(CatalogSet catalogs, IEnumerable<string> files, Func<string, string> readFile)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var problems = new List<string>();
        var parsed = new List<(string Name, ScsFile File)>();
        foreach (var name in files)
        {
            try
            {
                parsed.Add((name, deserializer.Deserialize<ScsFile>(readFile(name))));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                problems.Add($"{name}: line {e.Start.Line}: {e.Message}");
            }
        }

        var levels = new List<ScsLevel>();
        var categories = new List<ScsCategory>();
        var requirements = new List<ScsRequirement>();
        var criteria = new List<ScsCriterion>();
        foreach (var (name, file) in parsed.OrderBy(p => p.File.Level))
        {
            if (levels.Any(l => l.Level == file.Level))
            {
                problems.Add($"{name}: level {file.Level} is held by another file too.");
            }

            levels.Add(new ScsLevel(file.Level, file.Version));
            categories.AddRange(file.Categories.Select(c => new ScsCategory(c.Id, Text(c.Title), file.Level)));
            requirements.AddRange(file.Requirements.Select(r => new ScsRequirement(r.Id, r.Category, Text(r.Title), file.Level)));
            foreach (var c in file.Criteria)
            {
                var register = c.Register is null ? (ScsRegister?)null : ParseRegister(c.Register);
                if (c.Register is not null && register is null)
                {
                    problems.Add($"{name} {c.Id}: no such register '{c.Register}'.");
                }

                criteria.Add(new ScsCriterion(
                    c.Id, c.Requirement, CategoryOf(c.Requirement), file.Level, Text(c.Text), Text(c.Meaning), Text(c.Evidence), c.Yearly,
                    c.AnnexA, c.SelfDiagnosis, c.Measures, c.RuleValue, c.MoreRuleValues, register));
            }
        }

        Check(catalogs, categories, requirements, criteria, problems);
        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new ScsCatalog(
            levels, categories.OrderBy(c => OrderKey(c.Id), StringComparer.Ordinal).ToList(),
            requirements.OrderBy(r => OrderKey(r.Id), StringComparer.Ordinal).ToList(),
            criteria.OrderBy(c => OrderKey(c.Id), StringComparer.Ordinal).ToList());
    }

    // 4-1-10 after 4-1-9: each part of an id compared as a number.
    private static string OrderKey(string id) => string.Join('.', id.Split('-').Select(p => p.PadLeft(3, '0')));

    private static void Check(CatalogSet catalogs, List<ScsCategory> categories, List<ScsRequirement> requirements, List<ScsCriterion> criteria, List<string> problems)
    {
        Unique(problems, "categories", categories.Select(c => c.Id));
        Unique(problems, "requirements", requirements.Select(r => r.Id));
        Unique(problems, "criteria", criteria.Select(c => c.Id));
        var categoryIds = categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var requirement in requirements)
        {
            if (!RequirementId().IsMatch(requirement.Id) || CategoryOf(requirement.Id) != requirement.CategoryId)
            {
                problems.Add($"scs {requirement.Id}: a requirement id is <category>-<n>-<n> and starts with its category '{requirement.CategoryId}'.");
            }

            if (!categoryIds.Contains(requirement.CategoryId))
            {
                problems.Add($"scs {requirement.Id}: the category '{requirement.CategoryId}' does not exist.");
            }
        }

        var requirementLevels = requirements.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().Level, StringComparer.Ordinal);
        var chapters = BaselineCatalog.For(Language.Japanese).Chapters.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var diagnosis = BaselineCatalog.For(Language.Japanese).Items.Select(i => i.Number).ToHashSet();
        var standards = ControlStandardCatalog.For(Language.Japanese);
        var quick = QuickCatalog.For(Language.Japanese);
        var rules = RuleValuesCatalog.For(Language.Japanese);
        bool Exists(string measure) => measure.Split(':', 2) switch
        {
            ["baseline", var id] => chapters.Contains(id),
            ["standard", var id] => standards.BodyFor(id) is not null,
            ["quick", var id] => quick.StandardFor(id) is not null,
            ["form", var id] => FormCatalog.Files.Contains(id),
            ["template", var id] => Templates.Contains(id),
            _ => false,
        };

        foreach (var criterion in criteria)
        {
            var where = $"scs {criterion.Id}";
            if (!CriterionId().IsMatch(criterion.Id) || !criterion.Id.StartsWith(criterion.RequirementId + "-", StringComparison.Ordinal))
            {
                problems.Add($"{where}: a criterion id is its requirement's id '{criterion.RequirementId}' and -<n>.");
            }

            if (!requirementLevels.TryGetValue(criterion.RequirementId, out var level))
            {
                problems.Add($"{where}: the requirement '{criterion.RequirementId}' does not exist.");
            }
            else if (level > criterion.Level)
            {
                problems.Add($"{where}: its requirement belongs to ★{level}, above the criterion's ★{criterion.Level}.");
            }

            problems.AddRange(criterion.AnnexA.Where(c => catalogs.FindControl(c) is null).Select(c => $"{where}: the control '{c}' does not exist."));
            problems.AddRange(criterion.SelfDiagnosis.Where(n => !diagnosis.Contains(n)).Select(n => $"{where}: the self-diagnosis item {n} does not exist."));
            problems.AddRange(criterion.Measures.Where(m => !Exists(m)).Select(m => $"{where}: the measure '{m}' does not exist."));
            problems.AddRange(criterion.RuleValues.Where(k => rules.Find(k) is null).Select(k => $"{where}: the rule value '{k}' does not exist."));
            var texts = new[] { criterion.Text, criterion.Meaning, criterion.Evidence };
            if (texts.Any(t => t.Ja.Length == 0 || t.En.Length == 0))
            {
                problems.Add($"{where}: text, meaning and evidence are needed in both languages.");
            }

            if (texts.Any(t => t.Ja.Contains("{{", StringComparison.Ordinal) || t.En.Contains("{{", StringComparison.Ordinal)))
            {
                problems.Add($"{where}: the texts are read as they are; a number is named as its rule value, not as a placeholder.");
            }
        }
    }

    private static void Unique(List<string> problems, string what, IEnumerable<string> ids) =>
        problems.AddRange(ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"scs {what}: the id '{g.Key}' is used {g.Count()} times."));

    private static string CategoryOf(string id) => id.Split('-')[0];

    private static ScsText Text(TextEntry entry) => new(QuickCatalog.JoinFoldedJapanese(entry.Ja), entry.En.Trim());

    private static readonly IReadOnlyDictionary<string, ScsRegister> RegisterKeys = new Dictionary<string, ScsRegister>(StringComparer.Ordinal)
    {
        ["assets"] = ScsRegister.Assets,
        ["devices"] = ScsRegister.Devices,
        ["networks"] = ScsRegister.Networks,
        ["external-services"] = ScsRegister.ExternalServices,
        ["admin-ids"] = ScsRegister.AdminIds,
    };

    /// <summary>The register as the catalog writes it: assets, devices, networks, external-services, admin-ids.</summary>
    public static string RegisterKey(ScsRegister register) => RegisterKeys.First(k => k.Value == register).Key;

    private static ScsRegister? ParseRegister(string key) => RegisterKeys.TryGetValue(key, out var register) ? register : null;

    [GeneratedRegex(@"^[1-9]-[0-9]{1,2}-[0-9]{1,2}$")]
    private static partial Regex RequirementId();

    [GeneratedRegex(@"^[1-9]-[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,2}$")]
    private static partial Regex CriterionId();

    private sealed class ScsFile
    {
        public string Version { get; set; } = "";
        public int Level { get; set; }
        public string Source { get; set; } = "";
        public List<CategoryEntry> Categories { get; set; } = [];
        public List<RequirementEntry> Requirements { get; set; } = [];
        public List<CriterionEntry> Criteria { get; set; } = [];
    }

    private sealed class TextEntry
    {
        public string Ja { get; set; } = "";
        public string En { get; set; } = "";
    }

    private sealed class CategoryEntry
    {
        public string Id { get; set; } = "";
        public TextEntry Title { get; set; } = new();
    }

    private sealed class RequirementEntry
    {
        public string Id { get; set; } = "";
        public string Category { get; set; } = "";
        public TextEntry Title { get; set; } = new();
    }

    private sealed class CriterionEntry
    {
        public string Id { get; set; } = "";
        public string Requirement { get; set; } = "";
        public TextEntry Text { get; set; } = new();
        public TextEntry Meaning { get; set; } = new();
        public TextEntry Evidence { get; set; } = new();
        public bool Yearly { get; set; }
        public List<string> AnnexA { get; set; } = [];
        public List<int> SelfDiagnosis { get; set; } = [];
        public List<string> Measures { get; set; } = [];
        public string? RuleValue { get; set; }
        public List<string> MoreRuleValues { get; set; } = [];
        public string? Register { get; set; }
    }
}
