using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

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
