using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// A forward-only .xlsx package: parts go one after another straight into a <see cref="ZipArchive"/>.
/// <see cref="DocumentFormat.OpenXml.Packaging.SpreadsheetDocument"/> sits on System.IO.Packaging,
/// which keeps every part it writes in memory until the package is closed
/// (dotnet/Open-XML-SDK#807), so a 100,000-row sheet would be held whole; here no part is.
/// </summary>
internal sealed class XlsxPackage(Stream output) : IDisposable
{
    public const string WorkbookPath = "xl/workbook.xml";
    public const string StylesPath = "xl/styles.xml";

    private static readonly XNamespace ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SpreadsheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml";

    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>The path of the n-th worksheet (1-based) and its relationship id in the workbook.</summary>
    public static string WorksheetPath(int sheet) => $"xl/worksheets/sheet{sheet}.xml";

    public static string WorksheetRelationshipId(int sheet) => $"rId{sheet}";

    /// <summary>Content types, the package relationships and the workbook's relationships for a workbook of <paramref name="sheetCount"/> sheets.</summary>
    public void WriteSkeleton(int sheetCount)
    {
        var sheets = Enumerable.Range(1, sheetCount).ToList();
        WriteXml("[Content_Types].xml", new XElement(
            ContentTypesNamespace + "Types",
            new XElement(ContentTypesNamespace + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
            new XElement(ContentTypesNamespace + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
            Override(WorkbookPath, "sheet.main+xml"),
            Override(StylesPath, "styles+xml"),
            sheets.Select(s => Override(WorksheetPath(s), "worksheet+xml"))));

        WriteXml("_rels/.rels", Relationships(("rId1", "officeDocument", WorkbookPath)));

        // Targets in the workbook's relationships are relative to xl/.
        WriteXml("xl/_rels/workbook.xml.rels", Relationships(
            [.. sheets.Select(s => (WorksheetRelationshipId(s), "worksheet", WorksheetPath(s)["xl/".Length..])),
             ($"rId{sheetCount + 1}", "styles", StylesPath["xl/".Length..])]));
    }

    /// <summary>Opens a part for writing; dispose it before opening the next one.</summary>
    /// <remarks>Fastest (zlib level 1): on a 100,000-row register Optimal took several times as long for a file about a third smaller.</remarks>
    public Stream CreatePart(string path) => _zip.CreateEntry(path, CompressionLevel.Fastest).Open();

    /// <summary>Writes a small part built as an SDK element tree.</summary>
    public void WriteElement(string path, OpenXmlElement root)
    {
        using var stream = CreatePart(path);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    /// <summary>Writes the central directory, which makes the zip complete.</summary>
    public void Dispose() => _zip.Dispose();

    private void WriteXml(string path, XElement root)
    {
        using var stream = CreatePart(path);
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root).Save(stream, SaveOptions.DisableFormatting);
    }

    private static XElement Override(string path, string kind) =>
        new(ContentTypesNamespace + "Override", new XAttribute("PartName", "/" + path), new XAttribute("ContentType", $"{SpreadsheetContentType}.{kind}"));

    private static XElement Relationships(params (string Id, string Type, string Target)[] relationships) =>
        new(RelationshipsNamespace + "Relationships", relationships.Select(r => new XElement(
            RelationshipsNamespace + "Relationship",
            new XAttribute("Id", r.Id),
            new XAttribute("Type", $"{OfficeRelationships}/{r.Type}"),
            new XAttribute("Target", r.Target))));
}
