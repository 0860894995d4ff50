using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Tests.Documents.Docx;

/// <summary>The Word file's package (the zip around the document), which Mamori writes itself.</summary>
public class Writing_the_docx_package
{
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static readonly byte[] Book = SamplePolicies.Docx(
        SamplePolicies.Japanese(),
        SamplePolicies.Japanese(title: "ランサムウェア対策基準", number: "ISMS-101"));

    [Fact]
    public void Gives_every_part_its_content_type_and_names_no_part_it_does_not_hold()
    {
        using var zip = new ZipArchive(new MemoryStream(Book));
        var entries = zip.Entries.Select(e => "/" + e.FullName).ToHashSet(StringComparer.Ordinal);
        var overrides = Xml(zip, "[Content_Types].xml").Root!.Elements(ContentTypes + "Override")
            .ToDictionary(o => (string)o.Attribute("PartName")!, o => (string)o.Attribute("ContentType")!, StringComparer.Ordinal);

        var parts = entries.Where(e => e != "/[Content_Types].xml" && !e.EndsWith(".rels", StringComparison.Ordinal)).ToList();
        Assert.All(parts, part => Assert.True(overrides.ContainsKey(part), $"{part} has no content type"));
        Assert.All(overrides.Keys, name => Assert.Contains(name, entries));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", overrides["/word/header1.xml"]);
    }

    [Fact]
    public void Points_every_relationship_at_a_part_it_holds_under_an_id_of_its_own()
    {
        using var zip = new ZipArchive(new MemoryStream(Book));
        foreach (var (rels, folder) in new[] { ("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/") })
        {
            var relationships = Xml(zip, rels).Root!.Elements(Relationships + "Relationship").ToList();
            Assert.NotEmpty(relationships);
            Assert.Equal(relationships.Count, relationships.Select(r => (string)r.Attribute("Id")!).Distinct().Count());
            Assert.All(relationships, r => Assert.NotNull(zip.GetEntry(folder + (string)r.Attribute("Target")!)));
        }
    }

    [Fact]
    public void Gives_each_document_a_header_and_footer_of_its_own_that_Word_finds_by_their_ids()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Book), isEditable: false);
        var main = document.MainDocumentPart!;
        var sections = main.Document!.Body!.Descendants<SectionProperties>().ToList();
        var headers = sections.SelectMany(s => s.Elements<HeaderReference>())
            .Select(r => ((HeaderPart)main.GetPartById(r.Id!)).Header!.InnerText)
            .ToList();

        Assert.Equal(headers.Count, main.HeaderParts.Count());
        Assert.Contains(headers, h => h.Contains("ランサムウェア対策基準", StringComparison.Ordinal));
        Assert.All(sections.SelectMany(s => s.Elements<FooterReference>()), r => Assert.IsType<FooterPart>(main.GetPartById(r.Id!)));
        Assert.NotNull(main.StyleDefinitionsPart?.Styles);
        Assert.NotNull(main.NumberingDefinitionsPart?.Numbering);
        Assert.NotNull(main.DocumentSettingsPart?.Settings);
        Assert.NotNull(main.FontTablePart?.Fonts);
        Assert.Equal("ja-JP", document.PackageProperties.Language);
    }

    private static XDocument Xml(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }
}
