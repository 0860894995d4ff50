using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Mamori.Documents;

/// <summary>
/// A forward-only Open Packaging Conventions package, the zip inside .xlsx and .docx: parts go one
/// after another straight into a <see cref="ZipArchive"/>, with the content types and relationships
/// written as the conventions ask. The Open XML SDK's packages sit on System.IO.Packaging, which
/// keeps every part it writes uncompressed in memory until the package is closed
/// (dotnet/Open-XML-SDK#807) and names every relationship with a new GUID; here no part is held.
/// </summary>
internal sealed class OpcPackage(Stream output, CompressionLevel compression) : IDisposable
{
    public const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string CoreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), CloseOutput = false };

    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>Opens a part for writing; dispose it before opening the next one.</summary>
    public Stream CreatePart(string path) => _zip.CreateEntry(path, compression).Open();

    /// <summary>Writes a part through an <see cref="XmlWriter"/>, with its XML declaration.</summary>
    public void WriteXml(string path, Action<XmlWriter> write)
    {
        using var stream = CreatePart(path);
        using var writer = XmlWriter.Create(stream, XmlSettings);
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    /// <summary>[Content_Types].xml: .rels and .xml by default, and each part's own content type (paths without the leading slash).</summary>
    public void WriteContentTypes(IEnumerable<(string Path, string ContentType)> parts) => WriteXml("[Content_Types].xml", writer =>
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        writer.WriteStartElement("Types", ns);
        WriteContentType(writer, ns, "Default", "Extension", "rels", "application/vnd.openxmlformats-package.relationships+xml");
        WriteContentType(writer, ns, "Default", "Extension", "xml", "application/xml");
        foreach (var (path, contentType) in parts)
        {
            WriteContentType(writer, ns, "Override", "PartName", "/" + path, contentType);
        }

        writer.WriteEndElement();
    });

    /// <summary>A relationships part; targets are relative to the folder of the part the relationships belong to.</summary>
    public void WriteRelationships(string path, IEnumerable<(string Id, string Type, string Target)> relationships) => WriteXml(path, writer =>
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        writer.WriteStartElement("Relationships", ns);
        foreach (var (id, type, target) in relationships)
        {
            writer.WriteStartElement("Relationship", ns);
            writer.WriteAttributeString("Id", id);
            writer.WriteAttributeString("Type", type);
            writer.WriteAttributeString("Target", target);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });

    /// <summary>Writes the central directory, which makes the zip complete.</summary>
    public void Dispose() => _zip.Dispose();

    private static void WriteContentType(XmlWriter writer, string ns, string element, string key, string value, string contentType)
    {
        writer.WriteStartElement(element, ns);
        writer.WriteAttributeString(key, value);
        writer.WriteAttributeString("ContentType", contentType);
        writer.WriteEndElement();
    }
}
