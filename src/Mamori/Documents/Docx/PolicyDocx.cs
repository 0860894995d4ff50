using System.Globalization;

namespace Mamori.Documents.Docx;

/// <summary>
/// Writes policy documents as one Word file. Several documents make a book: a cover (情報セキュリティポリシー,
/// the company, version, date, classification, approver), the document list and the roles table,
/// a table of contents of the documents and their sections, then each document on new pages with
/// its title block and 改訂履歴. A single document is written the same way without the book's front.
/// Page numbers run through the file; a document with a table wider than four columns is landscape.
/// </summary>
public static class PolicyDocx
{
    /// <summary>
    /// Writes a one-page sample in <paramref name="culture"/> to nowhere: the Open XML SDK builds each
    /// element type's metadata, and the runtime prepares its code, the first time they are met. A
    /// fresh process does it on its other core while it opens the database, instead of while it
    /// writes the first documents (docs/performance.md, "The policy book").
    /// </summary>
    public static void WarmUp(CultureInfo culture) => Write(Stream.Null, [Sample(culture)]);

    /// <param name="cover">The book's front when it is not the policy set's (情報セキュリティポリシー): a book even of one document.</param>
    public static void Write(Stream output, IReadOnlyList<RenderedDocument> documents, BookCover? cover = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("At least one document is needed.", nameof(documents));
        }

        var package = new DocxPackage();
        new DocxBuilder(package, documents, cover).Build();

        // A response body takes no synchronous writes; the book is a few hundred kilobytes.
        using var buffer = new MemoryStream();
        package.Save(buffer);

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>A document with what the policy set's documents have: a revision history, numbered and bulleted lists, a table, emphasis.</summary>
    private static RenderedDocument Sample(CultureInfo culture)
    {
        var date = new DateOnly(2026, 4, 1);
        return new RenderedDocument(
            "sample", "sample", "0", "1", date, "", [new RevisionRow("1", date, "a", "b", "c")], [],
            [new DocumentSection("1 sample", 1, "a **b** *c*\n\n1. d\n2. e\n   - f\n\n| g | h |\n|---|---|\n| i | j |\n\n> k")],
            culture);
    }
}

/// <summary>
/// What a book's front says: its title, version and approver on the cover, an introduction (plain
/// paragraphs, one a line) before the document list, and whether the roles table stands there.
/// </summary>
public sealed record BookCover(string Title, string Version, string Approver)
{
    public string Introduction { get; init; } = "";

    public bool RolesTable { get; init; } = true;
}
