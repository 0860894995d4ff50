using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Documents;
using Mamori.Documents.Docx;
using Mamori.Documents.Pdf;

namespace Mamori.Tests.Documents.Books;

/// <summary>
/// A policy set written as Word and turned into PDF by LibreOffice, read back: the PDF's pages as
/// pdftotext gives them (one string a page), its outline (pdftohtml -xml), its pdfinfo, and the
/// headings of the Word file. Needs LibreOffice and poppler-utils; fails without them.
/// </summary>
public sealed partial class ExportedBook : IDisposable
{
    private ExportedBook(string folder, IReadOnlyList<RenderedDocument> documents, byte[] docx, TimeSpan docxTime, TimeSpan pdfTime, string pdfPath)
    {
        Folder = folder;
        Documents = documents;
        Docx = docx;
        DocxTime = docxTime;
        PdfTime = pdfTime;
        PdfPath = pdfPath;
    }

    public string Folder { get; }

    public IReadOnlyList<RenderedDocument> Documents { get; }

    public byte[] Docx { get; }

    public TimeSpan DocxTime { get; }

    public TimeSpan PdfTime { get; }

    public string PdfPath { get; }

    /// <summary>Each page as pdftotext -layout lays it out (columns side by side).</summary>
    public IReadOnlyList<string> Pages { get; private set; } = [];

    /// <summary>Each page's text in reading order (a table cell's lines together).</summary>
    public IReadOnlyList<string> Text { get; private set; } = [];

    public IReadOnlyList<OutlineItem> Outline { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Info { get; private set; } = new Dictionary<string, string>();

    public sealed record OutlineItem(int Level, string Title, int Page);

    /// <summary>A 見出し paragraph; <paramref name="InContents"/> is false for one set an outline level below its style's (a templated section).</summary>
    public sealed record Heading(int Level, string Text, bool Numbered, bool InContents);

    public static async Task<ExportedBook> WriteAsync(string name, IReadOnlyList<RenderedDocument> documents, BookCover? cover = null)
    {
        Assert.True(LibreOfficePdf.IsAvailable, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer");
        var folder = Environment.GetEnvironmentVariable("MAMORI_BOOK_OUTPUT") is { Length: > 0 } kept
            ? kept
            : Path.Combine(Path.GetTempPath(), "mamori-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        using var output = new MemoryStream();
        PolicyDocx.Write(output, documents, cover);
        var docx = output.ToArray();

        // The first write pays for loading and compiling the writer; the second is what a server answers.
        var clock = Stopwatch.StartNew();
        using (var again = new MemoryStream())
        {
            PolicyDocx.Write(again, documents, cover);
        }

        var docxTime = clock.Elapsed;
        var docxPath = Path.Combine(folder, name + ".docx");
        await File.WriteAllBytesAsync(docxPath, docx);

        clock.Restart();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var pdf = await LibreOfficePdf.ConvertAsync(docxPath, limit.Token);
        var pdfTime = clock.Elapsed;
        Assert.NotNull(pdf);
        var pdfPath = Path.Combine(folder, name + ".pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);

        var book = new ExportedBook(folder, documents, docx, docxTime, pdfTime, pdfPath);
        book.Pages = (await Tool("pdftotext", "-layout", "-enc", "UTF-8", pdfPath, "-")).Split('\f').SkipLast(1).ToList();
        book.Text = (await Tool("pdftotext", "-enc", "UTF-8", pdfPath, "-")).Split('\f').SkipLast(1).ToList();
        book.Info = (await Tool("pdfinfo", pdfPath)).Split('\n').Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        book.Outline = ReadOutline(await Tool("pdftohtml", "-xml", "-i", "-stdout", "-q", pdfPath));
        return book;
    }

    /// <summary>Every 見出し paragraph of the Word file: its level, its text, and whether a list numbers it.</summary>
    public IReadOnlyList<Heading> Headings()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Docx), isEditable: false);
        return document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>()
            .Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "", Paragraph: p))
            .Where(p => p.Style.StartsWith("Heading", StringComparison.Ordinal))
            .Select(p => new Heading(
                int.Parse(p.Style["Heading".Length..], CultureInfo.InvariantCulture),
                string.Concat(p.Paragraph.Descendants<Text>().Select(t => t.Text)),
                p.Paragraph.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value is > 0,
                p.Paragraph.ParagraphProperties?.OutlineLevel is null))
            .ToList();
    }

    /// <summary>The page (1-based) each line of text is on, squeezed of spaces, as pdftotext lays it out.</summary>
    public static string Squeeze(string text) => Whitespace().Replace(text, "");

    /// <summary>The number in the footer's "- N -" of a page, or null.</summary>
    public static int? FooterNumber(string page)
    {
        var match = PageNumber().Matches(page).LastOrDefault();
        return match is null ? null : int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static List<OutlineItem> ReadOutline(string xml)
    {
        var items = new List<OutlineItem>();
        void Walk(XElement outline, int level)
        {
            foreach (var element in outline.Elements())
            {
                if (element.Name == "item")
                {
                    items.Add(new OutlineItem(level, element.Value.Trim(), int.TryParse((string?)element.Attribute("page"), out var page) ? page : 0));
                }
                else if (element.Name == "outline")
                {
                    Walk(element, level + 1);
                }
            }
        }

        var root = XDocument.Parse(xml, LoadOptions.None).Root!.Element("outline");
        if (root is not null)
        {
            Walk(root, 1);
        }

        return items;
    }

    /// <summary>Runs a poppler or LibreOffice tool to its end (two minutes at most) and returns what it printed; fails the test if it fails.</summary>
    internal static async Task<string> Tool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var errors = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"{name} failed: {await errors}");
        return await output;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("MAMORI_BOOK_OUTPUT") is not { Length: > 0 } && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"-\s*(\d+)\s*-")]
    private static partial Regex PageNumber();
}
