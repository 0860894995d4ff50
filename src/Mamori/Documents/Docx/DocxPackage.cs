using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Documents.Docx;

/// <summary>
/// The Word file's package (<see cref="OpcPackage"/>): the main document, the parts it refers to
/// (styles, numbering, settings, font table, a header and a footer per document), their
/// relationships and content types, and the core properties (title, author, subject, language).
/// The elements are the Open XML SDK's; only the package around them is ours. Saving through the
/// SDK's own package took a fifth of exporting the whole policy book (169 documents, 340 header and
/// footer parts): docs/adr/0013-docx-package-writer.md.
/// </summary>
internal sealed class DocxPackage
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string WordContentTypes = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

    private readonly List<Part> _parts = [];
    private int _headers;
    private int _footers;

    /// <summary>The kinds of part a policy book has; a header and a footer are numbered, one per document.</summary>
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
        // The file name, the content type and the relationship type share one word.
        var name = kind switch
        {
            PartKind.Styles => "styles",
            PartKind.Numbering => "numbering",
            PartKind.Settings => "settings",
            PartKind.FontTable => "fontTable",
            PartKind.Header => "header",
            PartKind.Footer => "footer",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var number = kind switch
        {
            PartKind.Header => (++_headers).ToString(CultureInfo.InvariantCulture),
            PartKind.Footer => (++_footers).ToString(CultureInfo.InvariantCulture),
            _ => "",
        };
        var id = "rId" + (_parts.Count + 1).ToString(CultureInfo.InvariantCulture);
        _parts.Add(new Part(id, $"{name}{number}.xml", $"{WordContentTypes}{name}+xml", $"{OpcPackage.OfficeRelationships}/{name}", root));
        return id;
    }

    /// <summary>Writes the package; <paramref name="output"/> receives the zip from its start and stays open.</summary>
    public void Save(Stream output)
    {
        var document = Document ?? throw new InvalidOperationException("The package has no main document.");
        using var package = new OpcPackage(output, CompressionLevel.Optimal);
        package.WriteContentTypes(
        [
            ("word/document.xml", WordContentTypes + "document.main+xml"),
            .. _parts.Select(p => ("word/" + p.File, p.ContentType)),
            ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ]);
        package.WriteRelationships("_rels/.rels",
        [
            ("rId1", $"{OpcPackage.OfficeRelationships}/officeDocument", "word/document.xml"),
            ("rId2", OpcPackage.CoreProperties, "docProps/core.xml"),
        ]);
        package.WriteXml("docProps/core.xml", WriteCoreProperties);
        package.WriteXml("word/document.xml", writer => WriteRoot(writer, document));
        package.WriteRelationships("word/_rels/document.xml.rels", _parts.Select(p => (p.Id, p.RelationshipType, p.File)));
        foreach (var part in _parts)
        {
            package.WriteXml("word/" + part.File, writer => WriteRoot(writer, part.Root));
        }
    }

    /// <summary>
    /// The root declares the namespaces its elements use, so each child is written without a
    /// declaration of its own (the SDK finds them by walking every element of the part first).
    /// </summary>
    private static void WriteRoot(XmlWriter writer, OpenXmlPartRootElement root)
    {
        writer.WriteStartElement(root.Prefix, root.LocalName, root.NamespaceUri);
        writer.WriteAttributeString("xmlns", "w", null, WordNamespace);
        writer.WriteAttributeString("xmlns", "r", null, OpcPackage.OfficeRelationships);
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
