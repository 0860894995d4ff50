using System.Collections.Frozen;
using System.Globalization;
using Mamori.Domain;
using Mamori.Domain.Quick;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>
/// The Lv.1 content (catalogs/quick/&lt;topic&gt;.yaml): for each top-10 threat topic, incident
/// cases and a standard template, in Japanese and English. Checked on load like every catalog.
/// </summary>
public sealed partial class QuickCatalog
{
    /// <summary>Names the standard texts may use: the organization, the default roles and the rule values.</summary>
    public static IReadOnlySet<string> KnownPlaceholders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "organization.name", "organization.representative", "organization.industry",
    }
    .Concat(Features.Policies.PolicyTemplates.DefaultRoles.Select(r => "roles." + r.Key))
    .Concat(RuleValuesCatalog.For(Language.Japanese).Values.Select(v => "rules." + v.Key))
    .ToFrozenSet(StringComparer.Ordinal);

    private static readonly Lazy<QuickCatalog> Japanese = new(() => Load(CatalogSet.Default, Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<QuickCatalog> English = new(() => Load(CatalogSet.Default, Language.English, CatalogSet.ReadEmbedded));

    private readonly FrozenDictionary<string, QuickStandard> _standards;

    private QuickCatalog(IReadOnlyList<QuickStandard> standards, IReadOnlyList<IncidentCase> cases)
    {
        _standards = standards.ToFrozenDictionary(s => s.TopicId);
        Standards = standards;
        Cases = cases;
    }

    /// <summary>The shipped content in the given language.</summary>
    public static QuickCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    public IReadOnlyList<QuickStandard> Standards { get; }

    public IReadOnlyList<IncidentCase> Cases { get; }

    public QuickStandard? StandardFor(string topicId) => _standards.GetValueOrDefault(topicId);

    public IReadOnlyList<IncidentCase> CasesFor(string topicId) => Cases.Where(c => c.TopicIds.Contains(topicId)).ToList();

    /// <summary>Loads the file of every topic of <paramref name="catalogs"/> that has one, checking every reference.</summary>
    public static QuickCatalog Load(CatalogSet catalogs, CultureInfo culture, Func<string, string> readFile)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var problems = new List<string>();
        var standards = new List<QuickStandard>();
        var cases = new List<IncidentCase>();
        foreach (var topic in catalogs.Topics)
        {
            var name = $"quick/{topic.Id}.yaml";
            string text;
            try
            {
                text = readFile(name);
            }
            catch (CatalogException)
            {
                problems.Add($"{name} is missing: every top-10 topic needs cases and a standard.");
                continue;
            }

            var file = deserializer.Deserialize<QuickFile>(text);
            if (file.Topic != topic.Id)
            {
                problems.Add($"{name}: topic is '{file.Topic}', not '{topic.Id}'.");
            }

            foreach (var c in file.Cases)
            {
                Check(problems, name, $"case {c.Id}", "topic", c.Topics, id => catalogs.FindTopic(id) is not null);
                Check(problems, name, $"case {c.Id}", "threat", c.Threats, id => catalogs.FindThreat(id) is not null);
                Check(problems, name, $"case {c.Id}", "vulnerability", c.Vulnerabilities, id => catalogs.FindVulnerability(id) is not null);
                Check(problems, name, $"case {c.Id}", "control", c.Controls, id => catalogs.FindControl(id) is not null);
                cases.Add(new IncidentCase(
                    c.Id, Pick(c.TitleJa, c.TitleEn), Pick(c.IndustryJa, c.IndustryEn), Pick(c.SizeJa, c.SizeEn),
                    Pick(c.DamageJa, c.DamageEn), Pick(c.CauseJa, c.CauseEn), c.Topics, c.Threats,
                    culture.Pick(c.AssetsJa, c.AssetsEn), c.Vulnerabilities, c.Controls));
            }

            var s = file.Standard;
            var measures = new List<Measure>();
            foreach (var (section, entries) in new[]
            {
                (MeasureSection.Organizational, s.Organizational),
                (MeasureSection.People, s.People),
                (MeasureSection.Physical, s.Physical),
                (MeasureSection.Technological, s.Technological),
            })
            {
                foreach (var m in entries)
                {
                    Check(problems, name, $"measure {m.Id}", "control", m.Controls, id => catalogs.FindControl(id) is not null);
                    measures.Add(new Measure(m.Id, section, Pick(m.TextJa, m.TextEn), m.Controls,
                        m.Procedures.Select(p => new ProcedureTemplate(p.Role, Pick(p.WhatJa, p.WhatEn), Pick(p.WhenJa, p.WhenEn), Pick(p.CheckJa, p.CheckEn), Pick(p.RecordJa, p.RecordEn))).ToList()));
                }
            }

            var standard = new QuickStandard(topic.Id, Pick(s.TitleJa, s.TitleEn), Pick(s.ThreatJa, s.ThreatEn), measures);
            CheckPlaceholders(problems, name, standard);
            standards.Add(standard);
        }

        foreach (var duplicate in cases.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"quick: the case id '{duplicate.Key}' is used {duplicate.Count()} times.");
        }

        foreach (var duplicate in standards.SelectMany(s => s.Measures).GroupBy(m => m.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"quick: the measure id '{duplicate.Key}' is used {duplicate.Count()} times.");
        }

        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new QuickCatalog(standards, cases);

        string Pick(string ja, string en) => culture.IsEnglish() ? en.Trim() : JoinFoldedJapanese(ja);
    }

    // YAML folding (>-) turns line breaks into spaces, which Japanese text does not have between sentences or words.
    private static readonly System.Text.RegularExpressions.Regex FoldedSpace = new(
        @"(?<=[。、」）\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}])[ \t\n]+(?=[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}「（])",
        System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>Removes the spaces folding left between Japanese characters or after Japanese punctuation.</summary>
    public static string JoinFoldedJapanese(string text) => FoldedSpace.Replace(text.Trim(), "");

    private static void CheckPlaceholders(List<string> problems, string file, QuickStandard standard)
    {
        var texts = new[] { standard.Title, standard.Threat }
            .Concat(standard.Measures.SelectMany(m => new[] { m.Text }.Concat(m.Procedures.SelectMany(p => new[] { p.What, p.When, p.Check, p.Record }))));
        problems.AddRange(texts.SelectMany(t => Placeholder().Matches(t).Select(m => m.Groups[1].Value))
            .Where(p => !KnownPlaceholders.Contains(p)).Distinct()
            .Select(p => $"{file}: unknown placeholder {{{{ {p} }}}}."));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_.]*)")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    private static void Check(List<string> problems, string file, string where, string kind, IEnumerable<string> ids, Func<string, bool> exists)
    {
        foreach (var missing in ids.Where(id => !exists(id)))
        {
            problems.Add($"{file} {where}: the {kind} '{missing}' does not exist.");
        }
    }

    private sealed class QuickFile
    {
        public int Version { get; set; }
        public string Topic { get; set; } = "";
        public List<CaseEntry> Cases { get; set; } = [];
        public StandardEntry Standard { get; set; } = new();
    }

    private sealed class CaseEntry
    {
        public string Id { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string IndustryJa { get; set; } = "";
        public string IndustryEn { get; set; } = "";
        public string SizeJa { get; set; } = "";
        public string SizeEn { get; set; } = "";
        public string DamageJa { get; set; } = "";
        public string DamageEn { get; set; } = "";
        public string CauseJa { get; set; } = "";
        public string CauseEn { get; set; } = "";
        public List<string> Topics { get; set; } = [];
        public List<string> Threats { get; set; } = [];
        public List<string> AssetsJa { get; set; } = [];
        public List<string> AssetsEn { get; set; } = [];
        public List<string> Vulnerabilities { get; set; } = [];
        public List<string> Controls { get; set; } = [];
    }

    private sealed class StandardEntry
    {
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string ThreatJa { get; set; } = "";
        public string ThreatEn { get; set; } = "";
        public List<MeasureEntry> Organizational { get; set; } = [];
        public List<MeasureEntry> People { get; set; } = [];
        public List<MeasureEntry> Physical { get; set; } = [];
        public List<MeasureEntry> Technological { get; set; } = [];
    }

    private sealed class MeasureEntry
    {
        public string Id { get; set; } = "";
        public string TextJa { get; set; } = "";
        public string TextEn { get; set; } = "";
        public List<string> Controls { get; set; } = [];
        public List<ProcedureEntry> Procedures { get; set; } = [];
    }

    private sealed class ProcedureEntry
    {
        public string Role { get; set; } = "";
        public string WhatJa { get; set; } = "";
        public string WhatEn { get; set; } = "";
        public string WhenJa { get; set; } = "";
        public string WhenEn { get; set; } = "";
        public string CheckJa { get; set; } = "";
        public string CheckEn { get; set; } = "";
        public string RecordJa { get; set; } = "";
        public string RecordEn { get; set; } = "";
    }
}
