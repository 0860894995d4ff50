using System.Globalization;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>A 規程 chapter of the Lv.2 template set, in one language.</summary>
public sealed record BaselineChapter(string Id, string Number, string Title, string Condition, bool RolesTable, IReadOnlyList<string> ControlIds, string Body)
{
    /// <summary>What the chapter's variants are chosen by (size, it); its body holds a block per variant (<see cref="ChapterVariants"/>).</summary>
    public IReadOnlyList<string> VariesBy { get; init; } = [];
}

/// <summary>One of the 25 自社診断 items, with why it matters, a damage example and what to do.</summary>
public sealed record DiagnosisItem(int Number, string Part, string Label, string Question, string Why, string Damage, string WhatToDo, IReadOnlyList<string> ControlIds, string ChapterId);

public sealed record DiagnosisPart(string Id, int Number, string Title);

public sealed record DiagnosisBandText(int Min, string Status, string Next);

public sealed record ChecklistItem(string Id, string Text, IReadOnlyList<string> ControlIds, string ChapterId);

public sealed record ChecklistGroup(string Id, string Title, IReadOnlyList<ChecklistItem> Items);

/// <summary>A guideline as the seed presents it: 対象者, 目的, 使い方, and its items.</summary>
public sealed record Checklist(string Id, string Title, string Audience, string Purpose, IReadOnlyList<string> Steps, IReadOnlyList<ChecklistGroup> Groups);

/// <summary>
/// The Lv.2 content in one language: the 規程 chapters
/// (catalogs/baseline/chapters.yaml and chapters/*.md), the 自社診断 and the guideline
/// checklists. Every reference is checked on load.
/// </summary>
public sealed class BaselineCatalog
{
    private static readonly Lazy<BaselineCatalog> Japanese = new(() => Load(CatalogSet.Default, Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<BaselineCatalog> English = new(() => Load(CatalogSet.Default, Language.English, CatalogSet.ReadEmbedded));

    private BaselineCatalog(
        IReadOnlyList<BaselineChapter> chapters, IReadOnlyList<DiagnosisPart> parts,
        IReadOnlyList<DiagnosisItem> items, IReadOnlyList<DiagnosisBandText> bands, IReadOnlyDictionary<DiagnosisAnswer, string> answers, IReadOnlyList<Checklist> checklists)
    {
        Chapters = chapters;
        Parts = parts;
        Items = items;
        Bands = bands;
        AnswerLabels = answers;
        Checklists = checklists;
    }

    public static BaselineCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    public IReadOnlyList<BaselineChapter> Chapters { get; }

    public IReadOnlyList<DiagnosisPart> Parts { get; }

    public IReadOnlyList<DiagnosisItem> Items { get; }

    public IReadOnlyList<DiagnosisBandText> Bands { get; }

    public IReadOnlyDictionary<DiagnosisAnswer, string> AnswerLabels { get; }

    public IReadOnlyList<Checklist> Checklists { get; }

    public BaselineChapter? Chapter(string id) => Chapters.FirstOrDefault(c => c.Id == id);

    /// <summary>The status and next step for a score.</summary>
    public DiagnosisBandText BandText(int score) => Bands.OrderByDescending(b => b.Min).First(b => score >= b.Min || b == Bands.MinBy(x => x.Min));

    public static BaselineCatalog Load(CatalogSet catalogs, CultureInfo culture, Func<string, string> readFile)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var problems = new List<string>();
        string Pick(string ja, string en) => culture.IsEnglish() ? en.Trim() : QuickCatalog.JoinFoldedJapanese(ja);
        void CheckControls(string where, IEnumerable<string> ids)
        {
            foreach (var missing in ids.Where(id => catalogs.FindControl(id) is null))
            {
                problems.Add($"{where}: the control '{missing}' does not exist.");
            }
        }

        var chaptersFile = deserializer.Deserialize<ChaptersFile>(readFile("baseline/chapters.yaml"));
        var chapters = new List<BaselineChapter>();
        foreach (var c in chaptersFile.Chapters)
        {
            CheckControls($"baseline/chapters.yaml {c.Id}", c.Controls);
            string body;
            try
            {
                body = readFile($"baseline/chapters/{c.Id}.{culture.Code()}.md");
            }
            catch (CatalogException)
            {
                problems.Add($"baseline/chapters/{c.Id}.{culture.Code()}.md is missing.");
                body = "";
            }

            problems.AddRange(ChapterVariants.Problems(body, c.VariesBy).Select(p => $"baseline/chapters/{c.Id}.{culture.Code()}.md {p}"));
            chapters.Add(new BaselineChapter(c.Id, c.Number, Pick(c.TitleJa, c.TitleEn), c.Condition, c.RolesTable, c.Controls, body) { VariesBy = c.VariesBy });
        }

        var chapterIds = chapters.Select(c => c.Id).ToHashSet();

        var diagnosis = deserializer.Deserialize<DiagnosisFile>(readFile("baseline/self-diagnosis.yaml"));
        var parts = diagnosis.Parts.Select(p => new DiagnosisPart(p.Id, p.Number, Pick(p.TitleJa, p.TitleEn))).ToList();
        var items = diagnosis.Items.Select(i =>
        {
            CheckControls($"baseline/self-diagnosis.yaml item {i.No}", i.Controls);
            if (!chapterIds.Contains(i.Chapter))
            {
                problems.Add($"baseline/self-diagnosis.yaml item {i.No}: the chapter '{i.Chapter}' does not exist.");
            }

            return new DiagnosisItem(i.No, i.Part, Pick(i.LabelJa, i.LabelEn), Pick(i.QuestionJa, i.QuestionEn), Pick(i.WhyJa, i.WhyEn), Pick(i.DamageJa, i.DamageEn), Pick(i.WhatToDoJa, i.WhatToDoEn), i.Controls, i.Chapter);
        }).OrderBy(i => i.Number).ToList();
        if (!items.Select(i => i.Number).SequenceEqual(Enumerable.Range(1, DiagnosisScore.ItemCount)))
        {
            problems.Add($"baseline/self-diagnosis.yaml: the items must be numbered 1 to {DiagnosisScore.ItemCount}.");
        }

        var bands = diagnosis.Bands.Select(b => new DiagnosisBandText(b.Min, Pick(b.StatusJa, b.StatusEn), Pick(b.NextJa, b.NextEn))).ToList();
        var answers = diagnosis.Answers.ToDictionary(
            a => a.Id switch
            {
                "done" => DiagnosisAnswer.Done,
                "partly" => DiagnosisAnswer.Partly,
                "not-done" => DiagnosisAnswer.NotDone,
                _ => DiagnosisAnswer.Unknown,
            },
            a => Pick(a.LabelJa, a.LabelEn));

        var checklistsFile = deserializer.Deserialize<ChecklistsFile>(readFile("baseline/checklists.yaml"));
        var checklists = checklistsFile.Sources.Select(s => new Checklist(
            s.Id, Pick(s.TitleJa, s.TitleEn), Pick(s.AudienceJa, s.AudienceEn), Pick(s.PurposeJa, s.PurposeEn),
            culture.Pick(s.StepsJa, s.StepsEn).Select(x => Pick(x, x)).ToList(),
            s.Groups.Select(g => new ChecklistGroup(g.Id, Pick(g.TitleJa, g.TitleEn), g.Items.Select(i =>
            {
                CheckControls($"baseline/checklists.yaml {i.Id}", i.Controls);
                if (!chapterIds.Contains(i.Chapter))
                {
                    problems.Add($"baseline/checklists.yaml {i.Id}: the chapter '{i.Chapter}' does not exist.");
                }

                return new ChecklistItem(i.Id, Pick(i.TextJa, i.TextEn), i.Controls, i.Chapter);
            }).ToList())).ToList())).ToList();

        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new BaselineCatalog(chapters, parts, items, bands, answers, checklists);
    }

    private sealed class ChaptersFile
    {
        public int Version { get; set; }
        public List<ChapterEntry> Chapters { get; set; } = [];
    }

    private sealed class ChapterEntry
    {
        public string Id { get; set; } = "";
        public string Number { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string Condition { get; set; } = "";
        public bool RolesTable { get; set; }
        public List<string> Controls { get; set; } = [];
        public List<string> VariesBy { get; set; } = [];
    }

    private sealed class DiagnosisFile
    {
        public int Version { get; set; }
        public string Source { get; set; } = "";
        public List<AnswerEntry> Answers { get; set; } = [];
        public List<BandEntry> Bands { get; set; } = [];
        public List<PartEntry> Parts { get; set; } = [];
        public List<ItemEntry> Items { get; set; } = [];
    }

    private sealed class AnswerEntry
    {
        public string Id { get; set; } = "";
        public string LabelJa { get; set; } = "";
        public string LabelEn { get; set; } = "";
        public int Points { get; set; }
    }

    private sealed class BandEntry
    {
        public int Min { get; set; }
        public string StatusJa { get; set; } = "";
        public string StatusEn { get; set; } = "";
        public string NextJa { get; set; } = "";
        public string NextEn { get; set; } = "";
    }

    private sealed class PartEntry
    {
        public string Id { get; set; } = "";
        public int Number { get; set; }
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
    }

    private sealed class ItemEntry
    {
        public int No { get; set; }
        public string Part { get; set; } = "";
        public string LabelJa { get; set; } = "";
        public string LabelEn { get; set; } = "";
        public string QuestionJa { get; set; } = "";
        public string QuestionEn { get; set; } = "";
        public string WhyJa { get; set; } = "";
        public string WhyEn { get; set; } = "";
        public string DamageJa { get; set; } = "";
        public string DamageEn { get; set; } = "";
        public string WhatToDoJa { get; set; } = "";
        public string WhatToDoEn { get; set; } = "";
        public List<string> Controls { get; set; } = [];
        public string Chapter { get; set; } = "";
    }

    private sealed class ChecklistsFile
    {
        public int Version { get; set; }
        public List<SourceEntry> Sources { get; set; } = [];
    }

    private sealed class SourceEntry
    {
        public string Id { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string AudienceJa { get; set; } = "";
        public string AudienceEn { get; set; } = "";
        public string PurposeJa { get; set; } = "";
        public string PurposeEn { get; set; } = "";
        public List<string> StepsJa { get; set; } = [];
        public List<string> StepsEn { get; set; } = [];
        public List<GroupEntry> Groups { get; set; } = [];
    }

    private sealed class GroupEntry
    {
        public string Id { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public List<ChecklistEntry> Items { get; set; } = [];
    }

    private sealed class ChecklistEntry
    {
        public string Id { get; set; } = "";
        public string TextJa { get; set; } = "";
        public string TextEn { get; set; } = "";
        public List<string> Controls { get; set; } = [];
        public string Chapter { get; set; } = "";
    }
}
