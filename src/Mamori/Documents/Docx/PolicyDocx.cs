using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

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
