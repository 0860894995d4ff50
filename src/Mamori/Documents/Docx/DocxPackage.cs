using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Documents.Docx;

/// <summary>
/// The Word file's package, written straight into its zip: the main document, the parts it refers
/// to (styles, numbering, settings, font table, a header and a footer per document), their
/// relationships and content types, and the core properties (title, author, subject, language).
/// The elements are the Open XML SDK's; only the package around them is ours. Saving through the
/// SDK's package (System.IO.Packaging) buffered every part uncompressed, named each relationship with
/// a new GUID and walked the whole document for namespace declarations: for the whole policy book
/// (169 documents, 340 header and footer parts) that was a fifth of the export
/// (docs/adr/0013-docx-package-writer.md).
/// </summary>
internal sealed class DocxPackage
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string RelationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string WordContentTypes = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), CloseOutput = false };

    private readonly List<Part> _parts = [];
    private readonly Dictionary<PartKind, int> _counts = [];

    /// <summary>The kinds of part a policy book has: file name (numbered when there are many), content type and relationship type.</summary>
    public enum PartKind
    {
        Styles,
        Numbering,
        Settings,
        FontTable,
        Header,
        Footer,
    }

    public Document? Document { get; set; }

    public CoreProperties Properties { get; set; } = new("", "", "", "");

    /// <summary>Adds a part the main document refers to; returns the relationship id a reference to it (a header reference, say) names.</summary>
    public string Add(PartKind kind, OpenXmlPartRootElement root)
    {
        var number = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        var id = "rId" + (_parts.Count + 1).ToString(CultureInfo.InvariantCulture);
        var (file, contentType, relationshipType) = kind switch
        {
            PartKind.Styles => ("styles", "styles+xml", "styles"),
            PartKind.Numbering => ("numbering", "numbering+xml", "numbering"),
            PartKind.Settings => ("settings", "settings+xml", "settings"),
            PartKind.FontTable => ("fontTable", "fontTable+xml", "fontTable"),
            PartKind.Header => ("header" + number.ToString(CultureInfo.InvariantCulture), "header+xml", "header"),
            PartKind.Footer => ("footer" + number.ToString(CultureInfo.InvariantCulture), "footer+xml", "footer"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        _parts.Add(new Part(id, file + ".xml", WordContentTypes + contentType, RelationshipTypes + relationshipType, root));
        return id;
    }

    /// <summary>Writes the package; <paramref name="output"/> receives the zip from its start and stays open.</summary>
    public void Save(Stream output)
    {
        var document = Document ?? throw new InvalidOperationException("The package has no main document.");
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        Write(zip, "[Content_Types].xml", writer =>
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            writer.WriteStartElement("Types", ns);
            WriteContentType(writer, ns, "Default", "Extension", "rels", "application/vnd.openxmlformats-package.relationships+xml");
            WriteContentType(writer, ns, "Default", "Extension", "xml", "application/xml");
            WriteContentType(writer, ns, "Override", "PartName", "/word/document.xml", WordContentTypes + "document.main+xml");
            foreach (var part in _parts)
            {
                WriteContentType(writer, ns, "Override", "PartName", "/word/" + part.File, part.ContentType);
            }

            WriteContentType(writer, ns, "Override", "PartName", "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
            writer.WriteEndElement();
        });

        Write(zip, "_rels/.rels", writer => WriteRelationships(writer,
        [
            ("rId1", RelationshipTypes + "officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ]));
        Write(zip, "docProps/core.xml", WriteCoreProperties);
        Write(zip, "word/document.xml", writer => WriteRoot(writer, document));
        Write(zip, "word/_rels/document.xml.rels", writer => WriteRelationships(writer, _parts.Select(p => (p.Id, p.RelationshipType, p.File))));
        foreach (var part in _parts)
        {
            Write(zip, "word/" + part.File, writer => WriteRoot(writer, part.Root));
        }
    }

    private static void Write(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, XmlSettings);
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    /// <summary>
    /// The root declares the namespaces its elements use, so each child is written without a
    /// declaration of its own (the SDK finds them by walking every element of the part first).
    /// </summary>
    private static void WriteRoot(XmlWriter writer, OpenXmlPartRootElement root)
    {
        writer.WriteStartElement(root.Prefix, root.LocalName, root.NamespaceUri);
        writer.WriteAttributeString("xmlns", "w", null, WordNamespace);
        writer.WriteAttributeString("xmlns", "r", null, RelationshipNamespace);
        foreach (var attribute in root.GetAttributes())
        {
            writer.WriteAttributeString(attribute.Prefix, attribute.LocalName, attribute.NamespaceUri, attribute.Value);
        }

        foreach (var child in root.ChildElements)
        {
            child.WriteTo(writer);
        }

        writer.WriteEndElement();
    }

    private static void WriteContentType(XmlWriter writer, string ns, string element, string key, string value, string contentType)
    {
        writer.WriteStartElement(element, ns);
        writer.WriteAttributeString(key, value);
        writer.WriteAttributeString("ContentType", contentType);
        writer.WriteEndElement();
    }

    private static void WriteRelationships(XmlWriter writer, IEnumerable<(string Id, string Type, string Target)> relationships)
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
    }

    private void WriteCoreProperties(XmlWriter writer)
    {
        const string dc = "http://purl.org/dc/elements/1.1/";
        writer.WriteStartElement("cp", "coreProperties", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
        writer.WriteAttributeString("xmlns", "dc", null, dc);
        writer.WriteElementString("dc", "title", dc, Properties.Title);
        writer.WriteElementString("dc", "subject", dc, Properties.Subject);
        writer.WriteElementString("dc", "creator", dc, Properties.Creator);
        writer.WriteElementString("dc", "language", dc, Properties.Language);
        writer.WriteEndElement();
    }

    /// <summary>What the PDF carries over as its own title, subject and author.</summary>
    public sealed record CoreProperties(string Title, string Subject, string Creator, string Language);

    private sealed record Part(string Id, string File, string ContentType, string RelationshipType, OpenXmlPartRootElement Root);
}
