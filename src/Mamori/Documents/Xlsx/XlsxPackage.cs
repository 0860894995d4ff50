using System.IO.Compression;
using DocumentFormat.OpenXml;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// A forward-only .xlsx package (<see cref="OpcPackage"/>): a 100,000-row sheet goes straight into
/// the zip instead of being held whole, as <see cref="DocumentFormat.OpenXml.Packaging.SpreadsheetDocument"/> would.
/// </summary>
internal sealed class XlsxPackage(Stream output) : IDisposable
{
    public const string WorkbookPath = "xl/workbook.xml";
    public const string StylesPath = "xl/styles.xml";

    private const string SpreadsheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml";

    // Fastest (zlib level 1): on a 100,000-row register Optimal took several times as long for a file about a third smaller.
    private readonly OpcPackage _package = new(output, CompressionLevel.Fastest);

    /// <summary>The path of the n-th worksheet (1-based) and its relationship id in the workbook.</summary>
    public static string WorksheetPath(int sheet) => $"xl/worksheets/sheet{sheet}.xml";

    public static string WorksheetRelationshipId(int sheet) => $"rId{sheet}";

    /// <summary>Content types, the package relationships and the workbook's relationships for a workbook of <paramref name="sheetCount"/> sheets.</summary>
    public void WriteSkeleton(int sheetCount)
    {
        var sheets = Enumerable.Range(1, sheetCount).ToList();
        _package.WriteContentTypes(
        [
            (WorkbookPath, $"{SpreadsheetContentType}.sheet.main+xml"),
            (StylesPath, $"{SpreadsheetContentType}.styles+xml"),
            .. sheets.Select(s => (WorksheetPath(s), $"{SpreadsheetContentType}.worksheet+xml")),
        ]);

        _package.WriteRelationships("_rels/.rels", [("rId1", $"{OpcPackage.OfficeRelationships}/officeDocument", WorkbookPath)]);

        // Targets in the workbook's relationships are relative to xl/.
        _package.WriteRelationships("xl/_rels/workbook.xml.rels",
        [
            .. sheets.Select(s => (WorksheetRelationshipId(s), $"{OpcPackage.OfficeRelationships}/worksheet", WorksheetPath(s)["xl/".Length..])),
            ($"rId{sheetCount + 1}", $"{OpcPackage.OfficeRelationships}/styles", StylesPath["xl/".Length..]),
        ]);
    }

    /// <summary>Opens a part for writing; dispose it before opening the next one.</summary>
    public Stream CreatePart(string path) => _package.CreatePart(path);

    /// <summary>Writes a small part built as an SDK element tree.</summary>
    public void WriteElement(string path, OpenXmlElement root)
    {
        using var stream = CreatePart(path);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    /// <summary>Writes the central directory, which makes the zip complete.</summary>
    public void Dispose() => _package.Dispose();
}
