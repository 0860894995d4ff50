using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Domain;
using Mamori.Resources;
using Markdig;

namespace Mamori.Documents.Docx;

/// <summary>
/// Builds the Word package of <see cref="PolicyDocx"/>. This part holds the state, the package's
/// parts, the sections (page size, headers and footers); the cover, document list and table of
/// contents, each document's content, the Markdown body, the elements and the numbering are in
/// the other parts.
/// </summary>
internal sealed partial class DocxBuilder(DocxPackage package, IReadOnlyList<RenderedDocument> documents, BookCover? cover)
{
    // A4, 25 mm margins: 9070 twips of text width in portrait, 14002 in landscape.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1418;
    private const int TextWidth = PageWidth - (2 * Margin);
    private const int LandscapeTextWidth = PageHeight - (2 * Margin);
    private const int ListIndent = 420;

    // Each document's headings and each ordered list get a list of their own that starts afresh.
    internal const int HeadingBaseNumId = 1;
    internal const int BulletNumId = 2;
    internal const int OrderedBaseNumId = 3;
    private const int HeadingAbstractId = 0;
    private const int BulletAbstractId = 1;
    private const int OrderedAbstractId = 2;

    // The Japanese business faces every Windows and Office for Mac has; elsewhere fontconfig
    // knows them as serif and sans-serif and picks a Japanese face (Noto Serif/Sans CJK JP).
    // Latin text is written in the same face, so digits and Japanese sit on one baseline.
    private const string Mincho = "ＭＳ 明朝";
    private const string Gothic = "ＭＳ ゴシック";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private readonly List<NumberingInstance> _nums = [];
    private readonly List<TocEntry> _toc = [];
    private readonly List<ListedSection> _sections = [];
    private int _bookmarkId;

    /// <summary>Width of the text of the section being written: tables are laid out to it.</summary>
    private int _textWidth = TextWidth;

    /// <summary>Several documents, or any given a cover, make a book: a cover, a document list and a table of contents before them.</summary>
    private bool IsBook => cover is not null || documents.Count > 1;

    /// <summary>The book's title, version and approver: those given, else 情報セキュリティポリシー with its first document's (the 基本方針 heads the set).</summary>
    private BookCover Book => cover ?? new BookCover(Labels[nameof(DocumentText.DocxBookTitle)], documents[0].Version, documents[0].Approver);

    private DocxLabels Labels { get; } = new(documents[0].Culture);

    public void Build()
    {
        AddNum(HeadingAbstractId); // HeadingBaseNumId
        AddNum(BulletAbstractId); // BulletNumId
        AddNum(OrderedAbstractId); // OrderedBaseNumId

        // The documents go first so the table of contents knows their headings.
        var content = new List<OpenXmlElement>();
        for (var i = 0; i < documents.Count; i++)
        {
            content.AddRange(DocumentContent(documents[i], last: i == documents.Count - 1));
        }

        LeaveTemplatedSectionsOutOfTheContents();

        var body = new Body();
        if (IsBook)
        {
            _textWidth = TextWidth;
            body.Append(Cover());
            body.Append(SectionBreak(PageSetup(null, landscape: false, startAtOne: true)));
            body.Append(FrontMatter());
            body.Append(SectionBreak(PageSetup(null, landscape: false, startAtOne: false)));
        }

        body.Append(content);
        package.Document = new Document(body);

        package.Add(DocxPackage.PartKind.Styles, DocxStyles.Create(documents[0].Culture));
        package.Add(DocxPackage.PartKind.Numbering, Numbering());
        package.Add(DocxPackage.PartKind.Settings, Settings());
        package.Add(DocxPackage.PartKind.FontTable, FontTable());
        SetProperties();
    }

    /// <summary>
    /// Documents made from one template (each control's 目的・実施事項・記録, each threat's five
    /// sections) share their section titles; listing them again under every document would bury
    /// the titles, so such sections stay out of the contents (one outline level down: still in the
    /// PDF's bookmarks).
    /// </summary>
    private void LeaveTemplatedSectionsOutOfTheContents()
    {
        var shapes = _sections.GroupBy(s => s.Document).Select(g => (Document: g.Key, Sections: g.ToList())).ToList();
        var repeated = shapes.GroupBy(s => string.Join('\n', s.Sections.Select(x => x.Title)), StringComparer.Ordinal)
            .Where(g => g.Count() > 1 && g.Key.Length > 0)
            .SelectMany(g => g)
            .ToList();
        foreach (var (_, sections) in repeated)
        {
            foreach (var section in sections)
            {
                _toc.Remove(section.Entry);
                Properties(section.Paragraph).OutlineLevel = new OutlineLevel { Val = 2 };
            }
        }
    }

    /// <summary>Title and author, which the PDF carries over as its own.</summary>
    private void SetProperties()
    {
        var first = documents[0];
        package.Properties = new DocxPackage.CoreProperties(
            Title: Clean(IsBook ? $"{Book.Title} {first.OrganizationName}" : first.Title),
            Subject: Clean(IsBook ? Book.Title : first.Title),
            Creator: Clean(first.OrganizationName),
            Language: Language.Of(first.Culture).Name);
    }

    // ---- sections, headers and footers ---------------------------------------------------

    private static Paragraph SectionBreak(SectionProperties properties) => new(new ParagraphProperties { SectionProperties = properties });

    /// <summary>
    /// A section's page: A4 portrait or landscape. Page numbers start at one on the first page of
    /// the file and run on through every section. The cover (document null in a book, before the
    /// front matter) has no header or footer; the front matter has the book's; each document its own.
    /// </summary>
    private SectionProperties PageSetup(RenderedDocument? document, bool landscape, bool startAtOne)
    {
        var properties = new SectionProperties();
        var isCover = document is null && startAtOne;
        if (!isCover)
        {
            var width = landscape ? LandscapeTextWidth : TextWidth;
            var title = document?.Title ?? Book.Title;
            properties.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = package.Add(DocxPackage.PartKind.Header, NewHeader(documents[0].OrganizationName, title, width)) });
            properties.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = package.Add(DocxPackage.PartKind.Footer, NewFooter(document, width)) });
        }

        properties.Append(landscape
            ? new PageSize { Width = PageHeight, Height = PageWidth, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait });
        properties.Append(new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 851, Footer = 851, Gutter = 0 });
        if (startAtOne)
        {
            properties.Append(new PageNumberType { Start = 1 });
        }

        return properties;
    }

    private static Header NewHeader(string organization, string title, int width)
    {
        // 9 pt, smaller (down to 7 pt) for a title too long to share one line with the company.
        var size = Math.Clamp(width / (5 * (Units(organization) + Units(title) + 8)), 14, 18);
        var format = new Format(Size: size < 18 ? size : 0);
        var paragraph = NewParagraph("Header", [TextRun(organization, format), new Run(new TabChar()), TextRun(title, format)]);
        Properties(paragraph).Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Position = width });
        return new Header(paragraph);
    }

    /// <summary>Document number and version, the page number, the classification.</summary>
    private Footer NewFooter(RenderedDocument? document, int width)
    {
        var page = Labels[nameof(DocumentText.DocxPageNumber)].Split("{0}");
        var left = document is null
            ? documents[0].OrganizationName
            : string.Format(document.Culture, Labels[nameof(DocumentText.DocxFooterDocument)], document.DocumentNumber, document.Version).Trim();
        var classification = document?.Classification ?? BookClassification();
        var content = new List<OpenXmlElement> { TextRun(left), new Run(new TabChar()), TextRun(page[0]) };
        content.AddRange(Field("PAGE", "1"));
        content.Add(TextRun(page.Length > 1 ? page[1] : ""));
        content.Add(new Run(new TabChar()));
        content.Add(TextRun(classification));

        var paragraph = NewParagraph("Footer", content);
        Properties(paragraph).Tabs = new Tabs(
            new TabStop { Val = TabStopValues.Center, Position = width / 2 },
            new TabStop { Val = TabStopValues.Right, Position = width });
        return new Footer(paragraph);
    }

    private string BookClassification() =>
        Labels.Join(documents.Select(d => d.Classification).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct());

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

    private readonly record struct Scope(int QuoteDepth, int ContinuationLevel);

    private readonly record struct Format(bool Bold = false, bool Italic = false, int Size = 0);

    private readonly record struct Piece(string Text, Format Format);

    private sealed record TocEntry(int Level, string Text, string Bookmark);

    private sealed record ListedSection(RenderedDocument Document, string Title, Paragraph Paragraph, TocEntry Entry);
}
