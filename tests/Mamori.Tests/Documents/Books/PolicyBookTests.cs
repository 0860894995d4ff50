using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Documents;
using Mamori.Tests.Documents.Docx;
using Xunit.Abstractions;

namespace Mamori.Tests.Documents.Books;

public sealed class SmallBook : IAsyncLifetime
{
    public ExportedBook Book { get; private set; } = null!;

    public async Task InitializeAsync() => Book = await ExportedBook.WriteAsync("policy-book-lv1", (await PolicyBooks.SmallAsync()).Documents);

    public Task DisposeAsync()
    {
        Book.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class FullBook : IAsyncLifetime
{
    public ExportedBook Book { get; private set; } = null!;

    public async Task InitializeAsync() => Book = await ExportedBook.WriteAsync("policy-book-full", (await PolicyBooks.FullAsync()).Documents);

    public Task DisposeAsync()
    {
        Book.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>What every exported policy book must show a reader, checked on the PDF LibreOffice makes of it.</summary>
public abstract class A_policy_book(ExportedBook book, ITestOutputHelper output)
{
    private IReadOnlyList<string> Pages => book.Pages;

    /// <summary>The pages of the table of contents: from the one headed 目次 to the one before the first document.</summary>
    private List<string> ContentsPages()
    {
        var start = Pages.ToList().FindIndex(p => p.Split('\n').Any(l => l.Trim() == "目次"));
        var first = FirstPageOf(book.Documents[0]);
        Assert.True(start >= 0 && first > start, $"contents from page {start + 1}, first document on page {first + 1}");
        return Pages.Skip(start).Take(first - start).ToList();
    }

    private int FirstPageOf(RenderedDocument document)
    {
        var item = book.Outline.First(o => o.Level == 1 && (o.Title == document.Title || o.Title.EndsWith("　" + document.Title, StringComparison.Ordinal)));
        return item.Page - 1;
    }

    [Fact]
    public void Reports_its_pages_and_how_long_it_took()
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{book.Documents.Count} documents, {Pages.Count} pages; docx {book.Docx.Length / 1024} KB in {book.DocxTime.TotalMilliseconds:0} ms, PDF in {book.PdfTime.TotalSeconds:0.0} s"));
        Assert.Equal(Pages.Count.ToString(CultureInfo.InvariantCulture), book.Info["Pages"]);
    }

    [Fact]
    public void Lists_only_document_titles_and_their_sections_in_the_contents()
    {
        var headings = book.Headings().Where(h => h.Level <= 2 && h.InContents).ToList();
        Assert.All(headings, h => Assert.True(h.Text.Length <= 60, $"too long for a contents line: {h.Text}"));

        // Each contents line ends in dot leaders and a page number; together they are the headings of level 1 and 2, in order.
        var contents = ExportedBook.Squeeze(string.Concat(ContentsPages()));
        var at = 0;
        foreach (var heading in headings)
        {
            var found = contents.IndexOf(ExportedBook.Squeeze(heading.Text), at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"not in the contents after position {at}: {heading.Text}");
            at = found;
        }

        var lines = ContentsPages().SelectMany(p => p.Split('\n')).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"(\.\s?){3,}\s*[0-9]+\s*$"));
        Assert.Equal(headings.Count, lines);
        Assert.DoesNotContain("。", contents, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_writes_a_number_in_front_of_a_heading_that_has_one()
    {
        var numbered = book.Headings().Where(h => h.Numbered).ToList();
        Assert.All(numbered, h => Assert.DoesNotMatch(@"^(第[0-9一二三四五六七八九十]+[章節条]|[A-Z]?\.?[0-9]+(\.[0-9]+)*\.?)[\s　]", h.Text));
        Assert.All(ContentsPages().SelectMany(p => p.Split('\n')), line => Assert.DoesNotMatch(@"^\s*[0-9]+(\.[0-9]+)*\s+[0-9]+(\.[0-9]+)*\.?\s", line));
    }

    [Fact]
    public void Numbers_the_pages_through_the_book()
    {
        // The cover carries no number; every other page carries its own.
        Assert.Null(ExportedBook.FooterNumber(Pages[0]));
        for (var page = 2; page <= Pages.Count; page++)
        {
            Assert.Equal(page, ExportedBook.FooterNumber(Pages[page - 1]));
        }
    }

    [Fact]
    public void Starts_each_document_on_a_new_page_under_its_own_header_and_has_no_empty_page()
    {
        var starts = book.Documents.Select(FirstPageOf).ToList();
        Assert.Equal(starts.Count, starts.Distinct().Count());
        Assert.Equal(starts.Order(), starts);
        for (var i = 0; i < book.Documents.Count; i++)
        {
            var document = book.Documents[i];
            var lines = Pages[starts[i]].Split('\n').Where(l => l.Trim().Length > 0).ToList();
            Assert.Contains(ExportedBook.Squeeze(document.Title), ExportedBook.Squeeze(lines[0]), StringComparison.Ordinal);
            Assert.Contains(ExportedBook.Squeeze(document.Title), ExportedBook.Squeeze(string.Concat(lines.Skip(1).Take(3))), StringComparison.Ordinal);
        }

        Assert.All(Pages.Skip(1), p => Assert.True(p.Split('\n').Count(l => l.Trim().Length > 0) >= 3, $"an empty page: {p}"));
    }

    [Fact]
    public void Has_an_outline_of_the_documents_and_their_sections_and_its_title_and_author()
    {
        var titles = book.Outline.Where(o => o.Level == 1).Select(o => o.Title).ToList();
        Assert.Equal(book.Documents.Count, titles.Count);
        Assert.All(book.Documents.Zip(titles), pair => Assert.EndsWith(pair.First.Title, pair.Second, StringComparison.Ordinal));
        Assert.Equal(book.Headings().Count(h => h.Level == 2), book.Outline.Count(o => o.Level == 2));

        Assert.Equal($"情報セキュリティポリシー {book.Documents[0].OrganizationName}", book.Info["Title"]);
        Assert.Equal(book.Documents[0].OrganizationName, book.Info["Author"]);
    }

    [Fact]
    public void Keeps_table_rows_and_headings_with_what_follows()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(book.Docx), isEditable: false);
        Assert.All(document.MainDocumentPart!.Document!.Body!.Descendants<TableRow>(), r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<CantSplit>()));
        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.All(Enumerable.Range(1, 4), level => Assert.NotNull(styles[$"Heading{level}"].StyleParagraphProperties!.KeepNext));
        Assert.Empty(Writing_a_policy_as_docx.Validate(document));
    }
}

[Collection("LibreOffice")]
public sealed class A_five_person_companys_Lv1_book(SmallBook set, ITestOutputHelper output) : A_policy_book(set.Book, output), IClassFixture<SmallBook>
{
    [Fact]
    public void Opens_with_a_cover_and_a_document_list_on_one_page_each()
    {
        var cover = ExportedBook.Squeeze(set.Book.Text[0]);
        Assert.Contains("情報セキュリティポリシー", cover, StringComparison.Ordinal);
        Assert.Contains("株式会社みなと工房", cover, StringComparison.Ordinal);
        Assert.Contains("版数1", cover, StringComparison.Ordinal);
        Assert.Contains("発行日2026年4月1日", cover, StringComparison.Ordinal);
        Assert.Contains("承認者", cover, StringComparison.Ordinal);

        var list = ExportedBook.Squeeze(set.Book.Text[1]);
        Assert.StartsWith(ExportedBook.Squeeze("株式会社みなと工房情報セキュリティポリシー文書一覧"), list, StringComparison.Ordinal);
        Assert.All(set.Book.Documents, d => Assert.Contains(ExportedBook.Squeeze(d.Title), list, StringComparison.Ordinal));
        Assert.True(set.Book.Pages.Count < 30, $"{set.Book.Pages.Count} pages");
    }
}

[Collection("LibreOffice")]
public sealed class The_whole_policy_book(FullBook set, ITestOutputHelper output) : A_policy_book(set.Book, output), IClassFixture<FullBook>
{
    [Fact]
    public void Holds_every_Lv1_topic_every_Lv2_chapter_and_93_control_standards()
    {
        Assert.Equal(93, set.Book.Documents.Count(d => d.DocumentNumber.StartsWith("A.", StringComparison.Ordinal)));
        Assert.True(set.Book.Documents.Count > 93 + 13 + 14, $"{set.Book.Documents.Count} documents");
    }

    [Fact]
    public void Has_the_roles_table_once_and_no_chapter_repeating_its_title_block_as_a_table()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(set.Book.Docx), isEditable: false);
        var firstRows = document.MainDocumentPart!.Document!.Body!.Descendants<Table>()
            .Select(t => t.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText).ToList())
            .ToList();

        Assert.Single(firstRows, r => r[0] == "役職名");
        var chapters = set.Book.Documents.Where(d => d.Sections.Any(s => s.Markdown.Contains("## ", StringComparison.Ordinal)) && d.Scope.Length > 0).ToList();
        Assert.DoesNotContain(firstRows, r => r.Count == 4 && chapters.Any(c => r[0] == c.DocumentNumber && r[1] == c.Title));
        Assert.All(set.Book.Documents, d => Assert.DoesNotContain("| 改訂 |", string.Concat(d.Sections.Select(s => s.Markdown)), StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_each_documents_related_controls_in_the_standards_order()
    {
        foreach (var document in set.Book.Documents)
        {
            var line = document.Sections[0].Markdown.Split('\n')[0];
            if (!line.StartsWith("**関連する管理策", StringComparison.Ordinal))
            {
                continue;
            }

            var ids = System.Text.RegularExpressions.Regex.Matches(line, @"(?<=[：:、] ?)([5-8])\.([0-9]+) ").Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    [Fact]
    public void Writes_no_procedure_measure_as_a_heading()
    {
        var headings = set.Book.Documents.SelectMany(d => d.Sections).SelectMany(s => s.Markdown.Split('\n')).Where(l => l.StartsWith('#')).ToList();
        Assert.NotEmpty(headings);
        Assert.All(headings, h => Assert.False(h.TrimEnd().EndsWith('。'), h));
    }
}

[Collection("LibreOffice")]
public sealed class The_statement_of_applicability_in_Word
{
    [Fact]
    public async Task Is_landscape_with_columns_fitted_to_their_content_a_real_version_and_each_number_once()
    {
        var soa = (await PolicyBooks.FullAsync()).Soa;
        using var book = await ExportedBook.WriteAsync("soa", [soa]);

        Assert.Matches(@"^\d{4}\.\d{2}\.\d{2}$", soa.Version);
        using var document = WordprocessingDocument.Open(new MemoryStream(book.Docx), isEditable: false);
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Equal(PageOrientationValues.Landscape, body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!.Orient!.Value);
        foreach (var table in body.Elements<Table>().Where(t => t.Elements<TableRow>().First().Elements<TableCell>().Count() == 7))
        {
            var widths = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!, CultureInfo.InvariantCulture)).ToList();
            Assert.True(widths[1] >= 3 * widths[0], $"the control title gets room: {string.Join(", ", widths)}");
            Assert.True(widths[1] >= 3000, $"the control title gets room: {string.Join(", ", widths)}");
        }

        Assert.Equal(["概要", "5 組織的管理策", "6 人的管理策", "7 物理的管理策", "8 技術的管理策"], book.Headings().Where(h => h.Level == 2).Select(h => h.Text));
        Assert.All(book.Headings(), h => Assert.False(h.Numbered, h.Text));
        Assert.All(book.Pages.Select((p, i) => (p, i)), x => Assert.Equal(x.i + 1, ExportedBook.FooterNumber(x.p)));
        Assert.True(book.Pages.Count <= 8, $"{book.Pages.Count} pages");
    }
}
