using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Resources;
using Markdig;
using Markdig.Syntax;
using MdTable = Markdig.Extensions.Tables.Table;

namespace Mamori.Documents.Docx;

/// <summary>
/// One document: its title (見出し 1, listed in the table of contents and the PDF outline), its
/// title block (number, version, effective date, approver, 適用範囲), its 改訂履歴, then its sections.
/// </summary>
internal sealed partial class DocxBuilder
{
    /// <summary>More columns than this and the document is laid out on landscape pages.</summary>
    private const int PortraitColumns = 4;

    /// <summary>A heading longer than this is a sentence: a measure, not a section.</summary>
    internal const int LongestHeading = 60;

    private IEnumerable<OpenXmlElement> DocumentContent(RenderedDocument document, bool last)
    {
        var labels = new DocxLabels(document.Culture);
        var bodies = document.Sections.Select(s => new SectionBody(s, Markdown.Parse(s.Markdown ?? "", Pipeline))).ToList();
        var landscape = bodies.Any(b => b.Markdown.Descendants<MdTable>().Any(t => t.OfType<Markdig.Extensions.Tables.TableRow>().Select(r => r.Count).DefaultIfEmpty(0).Max() > PortraitColumns));
        _textWidth = landscape ? LandscapeTextWidth : TextWidth;

        var outline = Outline.Of(document, bodies);
        var context = new DocContext(document, labels, outline, AddNum(HeadingAbstractId, restartLevel: 0, start: 1));
        var output = new List<OpenXmlElement> { DocumentTitle(document, labels) };
        output.Add(TitleBlock(document, labels));
        output.Add(NewParagraph(null, []));

        if (document.Revisions.Count > 0)
        {
            output.Add(NewParagraph("TableTitle", [TextRun(labels[nameof(DocumentText.DocxRevisionHistory)])]));
            output.Add(GridTable(
                [
                    labels[nameof(DocumentText.DocxRevisionVersion)], labels[nameof(DocumentText.DocxRevisionDate)],
                    labels[nameof(DocumentText.DocxRevisionAuthor)], labels[nameof(DocumentText.DocxRevisionSummary)],
                    labels[nameof(DocumentText.DocxRevisionApprover)],
                ],
                document.Revisions.Select(r => new[] { r.Version, labels.Date(r.Date), r.Author, r.Summary, r.Approver }).ToList()));
            output.Add(NewParagraph(null, []));
        }

        // In a book the roles table stands once, in the front matter.
        if (!IsBook && document.Roles.Count > 0)
        {
            output.AddRange(RolesTable(document, labels));
        }

        foreach (var body in bodies)
        {
            if (!outline.IsTitle(body.Section))
            {
                output.Add(Heading(Outline.RawLevel(body.Section), body.Section.Heading, [TextRun(body.Section.Heading)], context));
            }

            context.SectionRaw = Outline.RawLevel(body.Section);
            context.EndMeasures();
            Blocks(body.Markdown, new Scope(QuoteDepth: 0, ContinuationLevel: -1), context, output);
        }

        var setup = PageSetup(document, landscape, startAtOne: !IsBook);
        if (last)
        {
            output.Add(setup);
        }
        else
        {
            var paragraph = SectionBreak(setup);
            paragraph.ParagraphProperties!.SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact };
            output.Add(paragraph);
        }

        return output;
    }

    /// <summary>
    /// "A.5.1　情報セキュリティのための方針群": a number such as A.5.1 or ISMS-002 helps find a document in
    /// the contents and the outline. A bare ordinal (1, 2.3) is left to the document list: kinds count on their own, so it repeats.
    /// </summary>
    private static string NumberedTitle(RenderedDocument document, DocxLabels labels) =>
        !document.DocumentNumber.Any(char.IsLetter) || document.DocumentNumber == document.Title
            ? document.Title
            : string.Format(document.Culture, labels[nameof(DocumentText.DocxNumberedTitle)], document.DocumentNumber, document.Title);

    private Paragraph DocumentTitle(RenderedDocument document, DocxLabels labels)
    {
        var text = NumberedTitle(document, labels);
        return Listed(NewParagraph("Heading1", []), [TextRun(text)], 1, Clean(text));
    }

    /// <summary>文書番号・版数 / 施行日・承認者 / 適用範囲, labels shaded; a blank approver leaves room to sign.</summary>
    private Table TitleBlock(RenderedDocument document, DocxLabels labels)
    {
        const int label = 1300;
        var value = (_textWidth - (2 * label)) / 2;
        int[] widths = [label, value, label, _textWidth - (2 * label) - value];
        var table = NewTable(widths);
        table.Append(BlockRow(widths, [
            (labels[nameof(DocumentText.DocxDocumentNumber)], true), (document.DocumentNumber, false),
            (labels[nameof(DocumentText.DocxVersion)], true), (document.Version, false)]));
        table.Append(BlockRow(widths, [
            (labels[nameof(DocumentText.DocxEffectiveOn)], true), (labels.Date(document.EffectiveOn), false),
            (labels[nameof(DocumentText.DocxApprover)], true), (document.Approver, false)]));
        if (document.Scope.Length > 0)
        {
            table.Append(BlockRow([label, _textWidth - label], [(labels[nameof(DocumentText.DocxScope)], true), (document.Scope, false)], span: 3));
        }

        return table;
    }

    /// <summary>The roles table, kept on one page with its title (it is a few rows).</summary>
    private IEnumerable<OpenXmlElement> RolesTable(RenderedDocument document, DocxLabels labels)
    {
        yield return NewParagraph("TableTitle", [TextRun(labels[nameof(DocumentText.DocxRoles)])]);
        var table = GridTable(
            [labels[nameof(DocumentText.DocxRoleTitle)], labels[nameof(DocumentText.DocxRoleResponsibility)], labels[nameof(DocumentText.DocxRolePeople)]],
            document.Roles.Select(r => new[] { r.Title, r.Responsibility, r.People }).ToList());
        if (document.Roles.Count <= 12)
        {
            foreach (var row in table.Elements<TableRow>().SkipLast(1))
            {
                foreach (var paragraph in row.Descendants<Paragraph>())
                {
                    Properties(paragraph).KeepNext = new KeepNext();
                }
            }
        }

        yield return table;
    }

    /// <summary>
    /// A section heading at the level the document's <see cref="Outline"/> gives it: 見出し 2 for
    /// the document's sections (listed in the table of contents), 見出し 3–4 below. Numbered by the
    /// style only in a document whose headings carry no number of their own.
    /// </summary>
    private Paragraph Heading(int rawLevel, string plainText, IEnumerable<OpenXmlElement> runs, DocContext context)
    {
        context.EndMeasures();
        var level = context.Outline.LevelOf(rawLevel);
        var paragraph = NewParagraph($"Heading{level}", []);
        var number = "";
        if (context.Outline.Numbered && level <= 3)
        {
            Properties(paragraph).NumberingProperties = Numbering(level - 2, context.HeadingNumId);
            var counters = context.Counters;
            counters[level - 2]++;
            Array.Clear(counters, level - 1, counters.Length - (level - 1));
            number = string.Join('.', counters.Take(level - 1).Select(c => Math.Max(c, 1).ToString(CultureInfo.InvariantCulture))) + " ";
        }

        if (level == 2)
        {
            Listed(paragraph, runs, 2, number + Clean(plainText));
            _sections.Add(new ListedSection(context.Document, Clean(plainText), paragraph, _toc[^1]));
            return paragraph;
        }

        paragraph.Append(runs);
        return paragraph;
    }

    private sealed record SectionBody(DocumentSection Section, MarkdownDocument Markdown);

    /// <summary>What the writer does with a document's headings, decided before writing any of them.</summary>
    private sealed partial class Outline
    {
        private readonly Dictionary<int, int> _levels;
        private readonly HashSet<DocumentSection> _titles;

        private Outline(Dictionary<int, int> levels, HashSet<DocumentSection> titles, bool numbered)
        {
            _levels = levels;
            _titles = titles;
            Numbered = numbered;
        }

        /// <summary>Whether the style numbers the headings: never when a heading writes its own number.</summary>
        public bool Numbered { get; }

        /// <summary>
        /// Section headings are ranked by depth (a section's level, then the Markdown heading's
        /// inside it), so the shallowest become 見出し 2 whatever their Markdown level. A level-1
        /// section that only repeats the document's title is the title; a heading that is a
        /// sentence is a measure, written as a numbered item.
        /// </summary>
        public static Outline Of(RenderedDocument document, IReadOnlyList<SectionBody> bodies)
        {
            var titles = bodies.Select(b => b.Section)
                .Where(s => s.Level <= 1 && (s.Heading.Trim() == document.Title.Trim() || s.Heading.Trim() == $"{document.DocumentNumber} {document.Title}".Trim()))
                .ToHashSet();
            var headings = new List<(int Raw, string Text)>();
            foreach (var body in bodies)
            {
                if (!titles.Contains(body.Section))
                {
                    headings.Add((RawLevel(body.Section), body.Section.Heading));
                }

                headings.AddRange(body.Markdown.Descendants<HeadingBlock>()
                    .Select(h => (RawLevel(body.Section) + h.Level, PlainHeading(h)))
                    .Where(h => !IsMeasure(h.Item2)));
            }

            var levels = headings.Select(h => h.Raw).Distinct().Order().Select((raw, rank) => (raw, rank)).ToDictionary(x => x.raw, x => Math.Min(x.rank + 2, 4));
            var numbered = headings.Count > 0 && !headings.Any(h => TypedNumber().IsMatch(h.Text.Trim()));
            return new Outline(levels, titles, numbered);
        }

        public static int RawLevel(DocumentSection section) => Math.Max(section.Level, 1) * 10;

        public bool IsTitle(DocumentSection section) => _titles.Contains(section);

        public int LevelOf(int rawLevel) => _levels.TryGetValue(rawLevel, out var level) ? level : 4;

        /// <summary>A heading that reads as a sentence (ends like one, or is too long for a contents line).</summary>
        public static bool IsMeasure(string heading)
        {
            var text = heading.Trim();
            return text.Length > LongestHeading || (text.Length > 0 && "。．.！？!?".Contains(text[^1], StringComparison.Ordinal) && !OnlyNumber().IsMatch(text));
        }

        public static string PlainHeading(HeadingBlock heading) => PlainText(Pieces(heading.Inline, default, ""));

        /// <summary>第3条, 4.1, 1., A.5.1, 5 — a number typed at the start of a heading.</summary>
        [GeneratedRegex(@"^(第[0-9０-９一二三四五六七八九十百]+[章節条項]|[A-Z]?\.?[0-9０-９]+([.．][0-9０-９]+)*[.．]?)([\s　]|$)")]
        internal static partial Regex TypedNumber();

        [GeneratedRegex(@"^[A-Z]?\.?[0-9０-９]+([.．][0-9０-９]+)*[.．]?$")]
        private static partial Regex OnlyNumber();
    }

    private sealed class DocContext(RenderedDocument document, DocxLabels labels, Outline outline, int headingNumId)
    {
        public RenderedDocument Document { get; } = document;

        public DocxLabels Labels { get; } = labels;

        public Outline Outline { get; } = outline;

        public int HeadingNumId { get; } = headingNumId;

        public int[] Counters { get; } = new int[3];

        /// <summary>The depth of the section being written (<see cref="Outline.RawLevel"/>).</summary>
        public int SectionRaw { get; set; }

        /// <summary>The list the measures since the last heading are numbered in, or -1.</summary>
        public int MeasureNumId { get; set; } = -1;

        /// <summary>What follows a measure belongs to it and is indented under it.</summary>
        public bool InMeasure { get; set; }

        public void EndMeasures()
        {
            MeasureNumId = -1;
            InMeasure = false;
        }
    }
}
