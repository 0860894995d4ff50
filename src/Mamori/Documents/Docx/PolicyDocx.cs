using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Resources;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
using MdTableCell = Markdig.Extensions.Tables.TableCell;
using MdTableColumnAlign = Markdig.Extensions.Tables.TableColumnAlign;
using MdTableRow = Markdig.Extensions.Tables.TableRow;

namespace Mamori.Documents.Docx;

/// <summary>
/// Writes policy documents as one Word file: a cover page, a table of contents, then each
/// document on a new page (section) with its 改訂履歴 and roles tables, numbered 見出し 1–3 and
/// the Markdown bodies, with page numbers restarting for each document.
/// </summary>
public static class PolicyDocx
{
    public static void Write(Stream output, IReadOnlyList<RenderedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("At least one document is needed.", nameof(documents));
        }

        // The package needs a seekable stream, which a response body is not; policies are small.
        using var buffer = new MemoryStream();
        using (var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            new DocxBuilder(package, documents).Build();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }
}

/// <summary>Labels and date format of one document's language, from DocumentText.</summary>
internal sealed class DocxLabels(bool japanese)
{
    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(japanese ? "ja" : "en");

    public bool Japanese { get; } = japanese;

    public string this[string key] => DocumentText.ResourceManager.GetString(key, _culture) ?? key;

    public string Date(DateOnly date) => date.ToString(this[nameof(DocumentText.DocxDateFormat)], CultureInfo.InvariantCulture);

    public string LabelValue(string key, string value) =>
        string.Format(_culture, this[nameof(DocumentText.DocxLabelValue)], this[key], value);

    public string Join(IEnumerable<string> values) => string.Join(this[nameof(DocumentText.DocxListSeparator)], values);
}

internal sealed class DocxBuilder(WordprocessingDocument package, IReadOnlyList<RenderedDocument> documents)
{
    // A4 portrait, 25 mm margins: 9070 twips of text width.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1418;
    private const int TextWidth = PageWidth - (2 * Margin);
    private const int ListIndent = 420;

    // The styles are bound to the first three lists; each document's headings and each
    // ordered list then get a list of their own that starts afresh.
    internal const int HeadingBaseNumId = 1;
    internal const int BulletNumId = 2;
    internal const int OrderedBaseNumId = 3;
    private const int HeadingAbstractId = 0;
    private const int BulletAbstractId = 1;
    private const int OrderedAbstractId = 2;

    private const string Mincho = "游明朝";
    private const string Gothic = "游ゴシック";
    private const string Latin = "Century";
    private const string LatinSans = "Arial";
    private const string DocumentTitleStyle = "DocumentTitle";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private readonly List<NumberingInstance> _nums = [];
    private readonly List<TocEntry> _toc = [];
    private MainDocumentPart _main = null!;
    private int _bookmarkId;

    public void Build()
    {
        _main = package.AddMainDocumentPart();
        AddNum(HeadingAbstractId); // HeadingBaseNumId
        AddNum(BulletAbstractId); // BulletNumId
        AddNum(OrderedAbstractId); // OrderedBaseNumId

        // The documents go first so the table of contents knows their headings.
        var content = new List<OpenXmlElement>();
        for (var i = 0; i < documents.Count; i++)
        {
            content.AddRange(DocumentContent(documents[i], last: i == documents.Count - 1));
        }

        var body = new Body();
        body.Append(Cover());
        body.Append(TableOfContents());
        body.Append(new Paragraph(new ParagraphProperties { SectionProperties = PageSetup(null, restartNumbering: false) }));
        body.Append(content);
        _main.Document = new Document(body);

        _main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
        _main.AddNewPart<NumberingDefinitionsPart>().Numbering = Numbering();
        _main.AddNewPart<DocumentSettingsPart>().Settings = Settings();
        _main.AddNewPart<FontTablePart>().Fonts = FontTable();
        SetProperties();
    }

    private void SetProperties()
    {
        var first = documents[0];
        var labels = new DocxLabels(first.Japanese);
        var properties = package.PackageProperties;
        properties.Title = Clean(labels.Join(documents.Select(d => d.Title)));
        properties.Creator = Clean(first.OrganizationName);
        properties.Language = first.Japanese ? "ja-JP" : "en-US";
    }

    // ---- cover and table of contents -----------------------------------------------------

    private IEnumerable<OpenXmlElement> Cover()
    {
        var labels = new DocxLabels(documents[0].Japanese);
        var classifications = documents.Select(d => d.Classification).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        var bold = new Format(Bold: true, Size: 24);
        yield return NewParagraph(null, [TextRun(labels.Join(classifications), bold)], justification: JustificationValues.Right);

        for (var i = 0; i < documents.Count; i++)
        {
            yield return NewParagraph("Title", [TextRun(documents[i].Title)], spacingBefore: i == 0 ? 3600 : 0);
        }

        if (documents.Count == 1)
        {
            var document = documents[0];
            string[] lines =
            [
                labels.LabelValue(nameof(DocumentText.DocxDocumentNumber), document.DocumentNumber),
                labels.LabelValue(nameof(DocumentText.DocxVersion), document.Version),
                labels.LabelValue(nameof(DocumentText.DocxEffectiveOn), labels.Date(document.EffectiveOn)),
            ];
            for (var i = 0; i < lines.Length; i++)
            {
                yield return NewParagraph(
                    null, [TextRun(lines[i], new Format(Size: 24))], spacingBefore: i == 0 ? 1440 : 0, justification: JustificationValues.Center);
            }
        }
        else
        {
            yield return NewParagraph(null, [], spacingBefore: 720);
            yield return GridTable(
                [3670, 1800, 1200, 2400],
                [
                    labels[nameof(DocumentText.DocxDocumentTitle)], labels[nameof(DocumentText.DocxDocumentNumber)],
                    labels[nameof(DocumentText.DocxVersion)], labels[nameof(DocumentText.DocxEffectiveOn)],
                ],
                documents.Select(d => new[] { d.Title, d.DocumentNumber, d.Version, labels.Date(d.EffectiveOn) }));
        }

        yield return NewParagraph("Subtitle", [TextRun(documents[0].OrganizationName)], spacingBefore: 2880);
    }

    /// <summary>
    /// A TOC field Word refreshes on open (updateFields), with a result listing the headings so
    /// that readers which do not update fields still show them. The page numbers in that result
    /// are PAGEREF fields left empty: Word fills them on open, LibreOfficePdf updates the index.
    /// </summary>
    private IEnumerable<OpenXmlElement> TableOfContents()
    {
        var labels = new DocxLabels(documents[0].Japanese);
        var heading = NewParagraph("TOCHeading", [TextRun(labels[nameof(DocumentText.DocxTableOfContents)])]);
        Properties(heading).PageBreakBefore = new PageBreakBefore();
        yield return heading;

        Run[] fieldStart =
        [
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(documents.Count > 1 ? $@" TOC \o ""1-3"" \h \z \u \t ""{DocxStyles.DocumentTitleName},1"" " : @" TOC \o ""1-3"" \h \z \u ")
            {
                Space = SpaceProcessingModeValues.Preserve,
            }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        ];
        var fieldEnd = new Run(new FieldChar { FieldCharType = FieldCharValues.End });

        if (_toc.Count == 0)
        {
            yield return NewParagraph("TOC1", [.. fieldStart, TextRun(labels[nameof(DocumentText.DocxTocHint)]), fieldEnd]);
            yield break;
        }

        for (var i = 0; i < _toc.Count; i++)
        {
            var entry = _toc[i];
            var link = new Hyperlink { Anchor = entry.Bookmark, History = true };
            link.Append(TextRun(entry.Text));
            link.Append(new Run(new TabChar()));
            link.Append(Field($@"PAGEREF {entry.Bookmark} \h", ""));
            var paragraph = NewParagraph($"TOC{entry.Level}", i == 0 ? fieldStart : []);
            paragraph.Append(link);
            if (i == _toc.Count - 1)
            {
                paragraph.Append(fieldEnd);
            }

            yield return paragraph;
        }
    }

    // ---- one document --------------------------------------------------------------------

    private IEnumerable<OpenXmlElement> DocumentContent(RenderedDocument document, bool last)
    {
        var labels = new DocxLabels(document.Japanese);
        var context = new DocContext(labels, AddNum(HeadingAbstractId, restartLevel: 0, start: 1), new int[3]);
        var output = new List<OpenXmlElement> { DocumentTitle(document) };

        if (document.Revisions.Count > 0)
        {
            output.Add(NewParagraph("TableTitle", [TextRun(labels[nameof(DocumentText.DocxRevisionHistory)])]));
            output.Add(GridTable(
                [800, 2100, 1500, 3170, 1500],
                [
                    labels[nameof(DocumentText.DocxRevisionVersion)], labels[nameof(DocumentText.DocxRevisionDate)],
                    labels[nameof(DocumentText.DocxRevisionAuthor)], labels[nameof(DocumentText.DocxRevisionSummary)],
                    labels[nameof(DocumentText.DocxRevisionApprover)],
                ],
                document.Revisions.Select(r => new[] { r.Version, labels.Date(r.Date), r.Author, r.Summary, r.Approver })));
        }

        if (document.Roles.Count > 0)
        {
            output.Add(NewParagraph("TableTitle", [TextRun(labels[nameof(DocumentText.DocxRoles)])]));
            output.Add(GridTable(
                [2950, 4120, 2000],
                [
                    labels[nameof(DocumentText.DocxRoleTitle)], labels[nameof(DocumentText.DocxRoleResponsibility)],
                    labels[nameof(DocumentText.DocxRolePeople)],
                ],
                document.Roles.Select(r => new[] { r.Title, r.Responsibility, r.People })));
        }

        foreach (var section in document.Sections)
        {
            output.Add(Heading(section.Level, [TextRun(section.Heading)], section.Heading, context));
            var markdown = Markdown.Parse(section.Markdown ?? "", Pipeline);
            Blocks(markdown, new Scope(Math.Clamp(section.Level, 1, 3), QuoteDepth: 0, ContinuationLevel: -1), context, output);
        }

        var sectionProperties = PageSetup(document, restartNumbering: true);
        if (last)
        {
            output.Add(sectionProperties);
        }
        else
        {
            output.Add(new Paragraph(new ParagraphProperties { SectionProperties = sectionProperties }));
        }

        return output;
    }

    private Paragraph Heading(int level, IEnumerable<OpenXmlElement> runs, string plainText, DocContext context)
    {
        level = Math.Clamp(level, 1, 3);
        var counters = context.Counters;
        counters[level - 1]++;
        Array.Clear(counters, level, counters.Length - level);
        var number = string.Join('.', counters.Take(level).Select(c => Math.Max(c, 1).ToString(CultureInfo.InvariantCulture)));

        return Listed(NewParagraph($"Heading{level}", [], Numbering(level - 1, context.HeadingNumId)), runs, level, $"{number} {Clean(plainText)}");
    }

    /// <summary>
    /// In a set, each document's title is listed in the table of contents too (the TOC field's \t
    /// switch), so the same headings of different documents can be told apart.
    /// </summary>
    private Paragraph DocumentTitle(RenderedDocument document)
    {
        var paragraph = NewParagraph(DocumentTitleStyle, []);
        if (documents.Count > 1)
        {
            return Listed(paragraph, [TextRun(document.Title)], 1, Clean(document.Title));
        }

        paragraph.Append(TextRun(document.Title));
        return paragraph;
    }

    /// <summary>A paragraph with a bookmark the static table of contents links to.</summary>
    private Paragraph Listed(Paragraph paragraph, IEnumerable<OpenXmlElement> runs, int level, string tocText)
    {
        var id = (++_bookmarkId).ToString(CultureInfo.InvariantCulture);
        var bookmark = "_Toc" + id.PadLeft(8, '0');
        _toc.Add(new TocEntry(level, tocText, bookmark));

        paragraph.Append(new BookmarkStart { Name = bookmark, Id = id });
        paragraph.Append(runs);
        paragraph.Append(new BookmarkEnd { Id = id });
        return paragraph;
    }

    private HeaderPart NewHeader(RenderedDocument document)
    {
        var part = _main.AddNewPart<HeaderPart>();
        part.Header = new Header(NewParagraph("Header", [TextRun(document.OrganizationName), new Run(new TabChar()), TextRun(document.Title)]));
        return part;
    }

    private FooterPart NewFooter(RenderedDocument document)
    {
        var labels = new DocxLabels(document.Japanese);
        var page = labels[nameof(DocumentText.DocxPageNumber)].Split("{0}");
        var content = new List<OpenXmlElement>
        {
            TextRun(labels.LabelValue(nameof(DocumentText.DocxDocumentNumber), document.DocumentNumber)),
            new Run(new TabChar()),
            TextRun(page[0]),
        };
        content.AddRange(Field("PAGE", "1"));
        content.Add(TextRun(page.Length > 1 ? page[1] : ""));
        content.Add(new Run(new TabChar()));
        content.Add(TextRun(document.Classification));

        var part = _main.AddNewPart<FooterPart>();
        part.Footer = new Footer(NewParagraph("Footer", content));
        return part;
    }

    private SectionProperties PageSetup(RenderedDocument? document, bool restartNumbering)
    {
        var properties = new SectionProperties();
        if (document is not null)
        {
            properties.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = _main.GetIdOfPart(NewHeader(document)) });
            properties.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = _main.GetIdOfPart(NewFooter(document)) });
        }

        properties.Append(new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait });
        properties.Append(new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 851, Footer = 851, Gutter = 0 });
        if (restartNumbering)
        {
            properties.Append(new PageNumberType { Start = 1 });
        }

        return properties;
    }

    // ---- Markdown ------------------------------------------------------------------------

    private void Blocks(ContainerBlock container, Scope scope, DocContext context, List<OpenXmlElement> output)
    {
        foreach (var block in container)
        {
            Block(block, scope, context, output);
        }
    }

    private void Block(Block block, Scope scope, DocContext context, List<OpenXmlElement> output)
    {
        switch (block)
        {
            // Section bodies are user text: raw HTML is dropped, never passed through.
            case HtmlBlock or LinkReferenceDefinitionGroup or ThematicBreakBlock:
                break;
            case HeadingBlock heading:
                var pieces = Pieces(heading.Inline, default, context.Labels.Japanese).ToList();
                output.Add(Heading(scope.SectionLevel + heading.Level, pieces.Select(ToRun), PlainText(pieces), context));
                break;
            case ParagraphBlock paragraph:
                output.Add(BodyParagraph(scope, Runs(paragraph.Inline, default, context)));
                break;
            case ListBlock list:
                List(list, scope, scope.ContinuationLevel + 1, context, output);
                break;
            case QuoteBlock quote:
                Blocks(quote, scope with { QuoteDepth = scope.QuoteDepth + 1 }, context, output);
                break;
            case MdTable table:
                // A paragraph after each table keeps two tables from merging into one in Word.
                output.Add(MarkdownTable(table, context));
                output.Add(NewParagraph(null, []));
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                {
                    output.Add(NewParagraph("PlainText", [TextRun(line.Slice.ToString())]));
                }

                break;
            case ContainerBlock other:
                Blocks(other, scope, context, output);
                break;
            case LeafBlock { Inline: not null } leaf:
                output.Add(BodyParagraph(scope, Runs(leaf.Inline, default, context)));
                break;
        }
    }

    private static Paragraph BodyParagraph(Scope scope, IEnumerable<OpenXmlElement> runs)
    {
        if (scope.QuoteDepth > 0)
        {
            return NewParagraph("Quote", runs, indentLeft: (ListIndent * scope.QuoteDepth) + ContinuationIndent(scope));
        }

        return scope.ContinuationLevel >= 0
            ? NewParagraph("ListParagraph", runs, indentLeft: ContinuationIndent(scope))
            : NewParagraph(null, runs);
    }

    private static int ContinuationIndent(Scope scope) => scope.ContinuationLevel >= 0 ? ListIndent * (scope.ContinuationLevel + 1) : 0;

    private void List(ListBlock list, Scope scope, int level, DocContext context, List<OpenXmlElement> output)
    {
        var ilvl = Math.Min(level, 8);
        var ordered = list.IsOrdered;
        var style = ordered ? "ListNumber" : "ListBullet";
        var numId = ordered ? AddNum(OrderedAbstractId, ilvl, Start(list)) : BulletNumId;

        foreach (var item in list.OfType<ListItemBlock>())
        {
            var numbered = false;
            foreach (var child in item)
            {
                if (!numbered)
                {
                    numbered = true;
                    var runs = child is ParagraphBlock first ? Runs(first.Inline, default, context) : [];
                    output.Add(NewParagraph(style, runs, Numbering(ilvl, numId)));
                    if (child is ParagraphBlock)
                    {
                        continue;
                    }
                }

                if (child is ListBlock nested)
                {
                    List(nested, scope, level + 1, context, output);
                }
                else
                {
                    Block(child, scope with { ContinuationLevel = ilvl }, context, output);
                }
            }

            if (!numbered)
            {
                output.Add(NewParagraph(style, [], Numbering(ilvl, numId)));
            }
        }
    }

    private static int Start(ListBlock list) =>
        int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;

    private Table MarkdownTable(MdTable table, DocContext context)
    {
        var rows = table.OfType<MdTableRow>().ToList();
        var columns = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var widths = Enumerable.Repeat(TextWidth / columns, columns).ToArray();
        var result = NewTable(widths);

        foreach (var row in rows)
        {
            var cells = new List<OpenXmlElement[]>();
            foreach (var cell in row.OfType<MdTableCell>())
            {
                var justification = Alignment(table, cells.Count);
                var content = new List<OpenXmlElement>();
                foreach (var paragraph in cell.OfType<ParagraphBlock>())
                {
                    content.Add(NewParagraph(null, Runs(paragraph.Inline, new Format(Bold: row.IsHeader), context), justification: justification));
                }

                cells.Add([.. content]);
            }

            while (cells.Count < columns)
            {
                cells.Add([]);
            }

            result.Append(Row(widths, cells.Take(columns).ToList(), row.IsHeader));
        }

        return result;
    }

    private static JustificationValues? Alignment(MdTable table, int column) =>
        column < table.ColumnDefinitions.Count
            ? table.ColumnDefinitions[column].Alignment switch
            {
                MdTableColumnAlign.Center => JustificationValues.Center,
                MdTableColumnAlign.Right => JustificationValues.Right,
                _ => null,
            }
            : null;

    private IEnumerable<OpenXmlElement> Runs(ContainerInline? inline, Format format, DocContext context) =>
        Pieces(inline, format, context.Labels.Japanese).Select(ToRun).ToList();

    /// <summary>The text of inlines with its emphasis; HTML inlines are left out.</summary>
    private static IEnumerable<Piece> Pieces(ContainerInline? container, Format format, bool japanese)
    {
        if (container is null)
        {
            yield break;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    yield return new Piece(literal.Content.ToString(), format);
                    break;
                case CodeInline code:
                    yield return new Piece(code.Content, format);
                    break;
                case HtmlEntityInline entity:
                    yield return new Piece(entity.Transcoded.ToString(), format);
                    break;
                case LineBreakInline lineBreak:
                    // A soft break joins Japanese lines without a space, as a browser would not.
                    yield return new Piece(lineBreak.IsHard ? "\n" : japanese ? "" : " ", format);
                    break;
                case AutolinkInline autolink:
                    yield return new Piece(autolink.Url, format);
                    break;
                case HtmlInline:
                    break;
                case EmphasisInline emphasis:
                    var inner = emphasis.DelimiterCount >= 2 ? format with { Bold = true } : format with { Italic = true };
                    foreach (var piece in Pieces(emphasis, inner, japanese))
                    {
                        yield return piece;
                    }

                    break;
                case LinkInline link:
                    var label = Pieces(link, format, japanese).ToList();
                    foreach (var piece in label)
                    {
                        yield return piece;
                    }

                    if (!link.IsImage && IsWebAddress(link.Url) && PlainText(label) != link.Url)
                    {
                        yield return new Piece($" ({link.Url})", format);
                    }

                    break;
                case ContainerInline other:
                    foreach (var piece in Pieces(other, format, japanese))
                    {
                        yield return piece;
                    }

                    break;
            }
        }
    }

    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string PlainText(IEnumerable<Piece> pieces) => string.Concat(pieces.Select(p => p.Text)).Replace('\n', ' ');

    private static Run ToRun(Piece piece) => TextRun(piece.Text, piece.Format);

    // ---- tables --------------------------------------------------------------------------

    private static Table GridTable(int[] widths, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var table = NewTable(widths);
        table.Append(Row(widths, headers.Select(h => new OpenXmlElement[] { NewParagraph(null, [TextRun(h, new Format(Bold: true))]) }).ToList(), header: true));
        foreach (var row in rows)
        {
            table.Append(Row(widths, row.Select(v => new OpenXmlElement[] { NewParagraph(null, [TextRun(v)]) }).ToList(), header: false));
        }

        return table;
    }

    private static Table NewTable(int[] widths)
    {
        var properties = new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = true, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true });
        var grid = new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) }));
        return new Table(properties, grid);
    }

    private static TableRow Row(int[] widths, IReadOnlyList<OpenXmlElement[]> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var properties = new TableCellProperties
            {
                TableCellWidth = new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            };
            if (header)
            {
                properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9D9D9" };
            }

            // Word requires a paragraph in every cell.
            var cell = new TableCell(properties);
            cell.Append(cells[i].Length == 0 ? [NewParagraph(null, [])] : cells[i]);
            row.Append(cell);
        }

        return row;
    }

    // ---- paragraphs and runs -------------------------------------------------------------

    private static Paragraph NewParagraph(
        string? styleId,
        IEnumerable<OpenXmlElement> content,
        NumberingProperties? numbering = null,
        int indentLeft = 0,
        int spacingBefore = 0,
        JustificationValues? justification = null)
    {
        var properties = new ParagraphProperties();
        if (styleId is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = styleId };
        }

        properties.NumberingProperties = numbering;
        if (spacingBefore > 0)
        {
            properties.SpacingBetweenLines = new SpacingBetweenLines { Before = spacingBefore.ToString(CultureInfo.InvariantCulture) };
        }

        if (indentLeft > 0)
        {
            properties.Indentation = new Indentation { Left = indentLeft.ToString(CultureInfo.InvariantCulture) };
        }

        if (justification is { } value)
        {
            properties.Justification = new Justification { Val = value };
        }

        var paragraph = new Paragraph();
        if (properties.HasChildren)
        {
            paragraph.Append(properties);
        }

        paragraph.Append(content);
        return paragraph;
    }

    private static ParagraphProperties Properties(Paragraph paragraph) =>
        paragraph.ParagraphProperties ?? paragraph.PrependChild(new ParagraphProperties());

    private static NumberingProperties Numbering(int level, int numId) =>
        new(new NumberingLevelReference { Val = level }, new NumberingId { Val = numId });

    private static Run TextRun(string text, Format format = default)
    {
        var run = new Run();
        if (format.Bold || format.Italic || format.Size > 0)
        {
            run.Append(new RunProperties
            {
                Bold = format.Bold ? new Bold() : null,
                Italic = format.Italic ? new Italic() : null,
                FontSize = format.Size > 0 ? new FontSize { Val = format.Size.ToString(CultureInfo.InvariantCulture) } : null,
            });
        }

        var segment = new StringBuilder();
        void Flush()
        {
            if (segment.Length > 0)
            {
                run.Append(new Text(segment.ToString()) { Space = SpaceProcessingModeValues.Preserve });
                segment.Clear();
            }
        }

        foreach (var c in Clean(text))
        {
            switch (c)
            {
                case '\n':
                    Flush();
                    run.Append(new Break());
                    break;
                case '\t':
                    Flush();
                    run.Append(new TabChar());
                    break;
                case '\r':
                    break;
                default:
                    segment.Append(c);
                    break;
            }
        }

        Flush();
        return run;
    }

    private static IEnumerable<Run> Field(string instruction, string cachedResult)
    {
        yield return new Run(new FieldChar { FieldCharType = FieldCharValues.Begin });
        yield return new Run(new FieldCode($" {instruction} ") { Space = SpaceProcessingModeValues.Preserve });
        yield return new Run(new FieldChar { FieldCharType = FieldCharValues.Separate });
        if (cachedResult.Length > 0)
        {
            yield return new Run(new Text(cachedResult));
        }

        yield return new Run(new FieldChar { FieldCharType = FieldCharValues.End });
    }

    /// <summary>Drops characters XML cannot hold (control characters, lone surrogates) from user text.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    // ---- numbering, settings, fonts ------------------------------------------------------

    private int AddNum(int abstractId, int restartLevel = -1, int start = 1)
    {
        var id = _nums.Count + 1;
        var num = new NumberingInstance(new AbstractNumId { Val = abstractId }) { NumberID = id };
        if (restartLevel >= 0)
        {
            // An override on every level makes this an independent list that starts afresh.
            for (var level = 0; level < 9; level++)
            {
                num.Append(new LevelOverride(new StartOverrideNumberingValue { Val = level == restartLevel ? start : 1 }) { LevelIndex = level });
            }
        }

        _nums.Add(num);
        return id;
    }

    private Numbering Numbering()
    {
        var numbering = new Numbering(
            AbstractList(HeadingAbstractId, HeadingLevel),
            AbstractList(BulletAbstractId, level => new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                ListLevelIndent(level),
                new NumberingSymbolRunProperties(new RunFonts { Ascii = LatinSans, HighAnsi = LatinSans, Hint = FontTypeHintValues.Default }))
            { LevelIndex = level }),
            AbstractList(OrderedAbstractId, level => new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Decimal },
                new LevelText { Val = (level % 3) switch { 0 => $"%{level + 1}.", 1 => $"(%{level + 1})", _ => $"%{level + 1})" } },
                new LevelJustification { Val = LevelJustificationValues.Left },
                ListLevelIndent(level))
            { LevelIndex = level }));
        numbering.Append(_nums);
        return numbering;
    }

    /// <summary>1 / 1.1 / 1.1.1, bound to 見出し 1–3.</summary>
    private static Level HeadingLevel(int level)
    {
        var result = new Level(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = NumberFormatValues.Decimal })
        { LevelIndex = level };
        if (level < 3)
        {
            result.Append(new ParagraphStyleIdInLevel { Val = $"Heading{level + 1}" });
        }

        result.Append(
            new LevelSuffix { Val = LevelSuffixValues.Space },
            new LevelText { Val = string.Join('.', Enumerable.Range(1, level + 1).Select(i => $"%{i}")) },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = "0", FirstLine = "0" }));
        return result;
    }

    private static AbstractNum AbstractList(int id, Func<int, Level> level)
    {
        var list = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.Multilevel }) { AbstractNumberId = id };
        list.Append(Enumerable.Range(0, 9).Select(level));
        return list;
    }

    private static PreviousParagraphProperties ListLevelIndent(int level) =>
        new(new Indentation
        {
            Left = (ListIndent * (level + 1)).ToString(CultureInfo.InvariantCulture),
            Hanging = ListIndent.ToString(CultureInfo.InvariantCulture),
        });

    private static Settings Settings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 840 },
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new UpdateFieldsOnOpen { Val = true },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "ja-JP" });

    /// <summary>Fonts with what Word falls back to where they are missing (a Mincho or Gothic face).</summary>
    private static Fonts FontTable() => new(
        FontEntry(Latin, null, "02040604050505020304", "00", FontFamilyValues.Roman),
        FontEntry(LatinSans, null, "020B0604020202020204", "00", FontFamilyValues.Swiss),
        FontEntry(Mincho, "Yu Mincho", "02020400000000000000", "80", FontFamilyValues.Roman),
        FontEntry(Gothic, "Yu Gothic", "020B0400000000000000", "80", FontFamilyValues.Swiss),
        FontEntry("Courier New", null, "02070309020205020404", "00", FontFamilyValues.Modern));

    private static Font FontEntry(string name, string? alternative, string panose, string charset, FontFamilyValues family)
    {
        var font = new Font { Name = name };
        if (alternative is not null)
        {
            font.Append(new AltName { Val = alternative });
        }

        font.Append(
            new Panose1Number { Val = panose },
            new FontCharSet { Val = charset },
            new FontFamily { Val = family },
            new Pitch { Val = family == FontFamilyValues.Modern ? FontPitchValues.Fixed : FontPitchValues.Variable });
        return font;
    }

    internal static RunFonts MinchoFonts() =>
        new() { Hint = FontTypeHintValues.EastAsia, Ascii = Latin, HighAnsi = Latin, EastAsia = Mincho, ComplexScript = "Times New Roman" };

    internal static RunFonts GothicFonts() =>
        new() { Hint = FontTypeHintValues.EastAsia, Ascii = LatinSans, HighAnsi = LatinSans, EastAsia = Gothic, ComplexScript = LatinSans };

    internal static RunFonts CodeFonts() =>
        new() { Hint = FontTypeHintValues.EastAsia, Ascii = "Courier New", HighAnsi = "Courier New", EastAsia = Gothic, ComplexScript = "Courier New" };

    internal static int PageTextWidth => TextWidth;

    private sealed record DocContext(DocxLabels Labels, int HeadingNumId, int[] Counters);

    private readonly record struct Scope(int SectionLevel, int QuoteDepth, int ContinuationLevel);

    private readonly record struct Format(bool Bold = false, bool Italic = false, int Size = 0);

    private readonly record struct Piece(string Text, Format Format);

    private sealed record TocEntry(int Level, string Text, string Bookmark);
}

/// <summary>The styles part: built-in style ids and names, so Word shows 見出し 1–3, 目次 1–3 and so on.</summary>
internal static class DocxStyles
{
    /// <summary>A style of our own, so its name is the same in every language of Word.</summary>
    public const string DocumentTitleName = "Document Title";

    public static Styles Create()
    {
        var width = DocxBuilder.PageTextWidth.ToString(CultureInfo.InvariantCulture);
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = DocxBuilder.MinchoFonts(),
                    Kern = new Kern { Val = 2 },
                    FontSize = new FontSize { Val = "21" },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = "22" },
                    Languages = new Languages { Val = "en-US", EastAsia = "ja-JP", Bidi = "ar-SA" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "80", Line = "300", LineRule = LineSpacingRuleValues.Auto },
                })));

        styles.Append(
            Paragraph("Normal", "Normal", basedOn: null, uiPriority: 0, isDefault: true,
                new StyleParagraphProperties { Justification = new Justification { Val = JustificationValues.Both } }),
            new Style(new StyleName { Val = "Default Paragraph Font" }, new UIPriority { Val = 1 }, new SemiHidden(), new UnhideWhenUsed())
            {
                Type = StyleValues.Character,
                StyleId = "DefaultParagraphFont",
                Default = true,
            },
            new Style(
                new StyleName { Val = "Normal Table" },
                new UIPriority { Val = 99 },
                new SemiHidden(),
                new UnhideWhenUsed(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    CellMargins()))
            {
                Type = StyleValues.Table,
                StyleId = "TableNormal",
                Default = true,
            },
            new Style(new StyleName { Val = "No List" }, new UIPriority { Val = 99 }, new SemiHidden(), new UnhideWhenUsed())
            {
                Type = StyleValues.Numbering,
                StyleId = "NoList",
                Default = true,
            },
            Paragraph("Title", "Title", "Normal", 10, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "240", After = "480" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 40, bold: true)),
            Paragraph("DocumentTitle", DocumentTitleName, "Title", 10, false),
            Paragraph("Subtitle", "Subtitle", "Normal", 11, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "240" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 32, bold: false)),
            HeadingStyle(1, size: 28, before: 480),
            HeadingStyle(2, size: 24, before: 360),
            HeadingStyle(3, size: 22, before: 240),
            Paragraph("TableTitle", "Table Title", "Normal", 20, false,
                new StyleParagraphProperties
                {
                    KeepNext = new KeepNext(),
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "360", After = "120" },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(DocxBuilder.GothicFonts(), size: 24, bold: true)),
            Paragraph("TOCHeading", "TOC Heading", "Normal", 39, false,
                new StyleParagraphProperties
                {
                    KeepNext = new KeepNext(),
                    SpacingBetweenLines = new SpacingBetweenLines { After = "360" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 28, bold: true)),
            TocStyle(1, width),
            TocStyle(2, width),
            TocStyle(3, width),
            Paragraph("ListParagraph", "List Paragraph", "Normal", 34, false,
                new StyleParagraphProperties { Indentation = new Indentation { Left = "420" } }),
            Paragraph("ListBullet", "List Bullet", "Normal", 35, false,
                new StyleParagraphProperties { NumberingProperties = ListNumbering(DocxBuilder.BulletNumId), ContextualSpacing = new ContextualSpacing() }),
            Paragraph("ListNumber", "List Number", "Normal", 36, false,
                new StyleParagraphProperties { NumberingProperties = ListNumbering(DocxBuilder.OrderedBaseNumId), ContextualSpacing = new ContextualSpacing() }),
            Paragraph("Quote", "Quote", "Normal", 29, false,
                new StyleParagraphProperties
                {
                    ParagraphBorders = new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 12, Space = 8, Color = "BFBFBF" }),
                    Indentation = new Indentation { Left = "420", Right = "420" },
                },
                new StyleRunProperties { Color = new Color { Val = "404040" } }),
            Paragraph("PlainText", "Plain Text", "Normal", 99, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(DocxBuilder.CodeFonts(), size: 20, bold: false)),
            Paragraph("Header", "header", "Normal", 99, false,
                new StyleParagraphProperties
                {
                    ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 1, Color = "808080" }),
                    Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Position = DocxBuilder.PageTextWidth }),
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(null, size: 18, bold: false)),
            Paragraph("Footer", "footer", "Normal", 99, false,
                new StyleParagraphProperties
                {
                    Tabs = new Tabs(
                        new TabStop { Val = TabStopValues.Center, Position = DocxBuilder.PageTextWidth / 2 },
                        new TabStop { Val = TabStopValues.Right, Position = DocxBuilder.PageTextWidth }),
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(null, size: 18, bold: false)),
            new Style(
                new StyleName { Val = "Table Grid" },
                new BasedOn { Val = "TableNormal" },
                new UIPriority { Val = 39 },
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" }),
                    CellMargins()))
            {
                Type = StyleValues.Table,
                StyleId = "TableGrid",
            });
        return styles;
    }

    private static Style HeadingStyle(int level, int size, int before) =>
        Paragraph($"Heading{level}", $"heading {level}", "Normal", 9, false,
            new StyleParagraphProperties
            {
                KeepNext = new KeepNext(),
                KeepLines = new KeepLines(),
                NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = level - 1 }, new NumberingId { Val = DocxBuilder.HeadingBaseNumId }),
                SpacingBetweenLines = new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = "120" },
                Justification = new Justification { Val = JustificationValues.Left },
                OutlineLevel = new OutlineLevel { Val = level - 1 },
            },
            Run(DocxBuilder.GothicFonts(), size, bold: true));

    private static Style TocStyle(int level, string width) =>
        Paragraph($"TOC{level}", $"toc {level}", "Normal", 39, false,
            new StyleParagraphProperties
            {
                Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = int.Parse(width, CultureInfo.InvariantCulture) }),
                SpacingBetweenLines = new SpacingBetweenLines { After = "60" },
                Indentation = new Indentation { Left = (210 * (level - 1)).ToString(CultureInfo.InvariantCulture) },
                Justification = new Justification { Val = JustificationValues.Left },
            });

    private static NumberingProperties ListNumbering(int numId) =>
        new(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId });

    private static TableCellMarginDefault CellMargins() => new(
        new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa });

    private static StyleRunProperties Run(RunFonts? fonts, int size, bool bold) => new()
    {
        RunFonts = fonts,
        Bold = bold ? new Bold() : null,
        FontSize = new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) },
        FontSizeComplexScript = new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) },
    };

    private static Style Paragraph(
        string id, string name, string? basedOn, int uiPriority, bool isDefault,
        StyleParagraphProperties? paragraph = null, StyleRunProperties? run = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        style.Append(new NextParagraphStyle { Val = "Normal" });
        style.Append(new UIPriority { Val = uiPriority });
        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }

        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }
}
