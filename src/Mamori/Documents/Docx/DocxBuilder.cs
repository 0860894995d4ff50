using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Domain;
using Mamori.Resources;
using Markdig;

namespace Mamori.Documents.Docx;

/// <summary>
/// Builds the Word package of <see cref="PolicyDocx"/>. This part holds the state, the package's
/// parts and each document's content (title, 改訂履歴, roles, sections); the cover and table of
/// contents, the Markdown body, the elements and the numbering are in the other parts.
/// </summary>
internal sealed partial class DocxBuilder(WordprocessingDocument package, IReadOnlyList<RenderedDocument> documents)
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
        var labels = new DocxLabels(first.Culture);
        var properties = package.PackageProperties;
        properties.Title = Clean(labels.Join(documents.Select(d => d.Title)));
        properties.Creator = Clean(first.OrganizationName);
        properties.Language = Language.Of(first.Culture).Name;
    }

    // ---- one document --------------------------------------------------------------------

    private IEnumerable<OpenXmlElement> DocumentContent(RenderedDocument document, bool last)
    {
        var labels = new DocxLabels(document.Culture);
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
        var labels = new DocxLabels(document.Culture);
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

    private sealed record DocContext(DocxLabels Labels, int HeadingNumId, int[] Counters);

    private readonly record struct Scope(int SectionLevel, int QuoteDepth, int ContinuationLevel);

    private readonly record struct Format(bool Bold = false, bool Italic = false, int Size = 0);

    private readonly record struct Piece(string Text, Format Format);

    private sealed record TocEntry(int Level, string Text, string Bookmark);
}
