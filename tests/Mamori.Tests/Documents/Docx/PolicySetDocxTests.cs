using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Documents;

namespace Mamori.Tests.Documents.Docx;

public class Writing_a_policy_set_as_one_docx
{
    private static readonly byte[] SetDocx = SamplePolicies.Docx(
        SamplePolicies.Japanese(),
        SamplePolicies.Japanese("情報セキュリティ対策基準", "ISMS-002"),
        SamplePolicies.Japanese("情報セキュリティ実施手順", "ISMS-003"));

    [Fact]
    public void Starts_each_document_on_a_new_section_with_its_own_header_and_footer_and_numbers_pages_through()
    {
        using var document = Writing_a_policy_as_docx.Open(SetDocx);
        var sections = document.MainDocumentPart!.Document!.Body!.Descendants<SectionProperties>().ToList();

        // The cover, the front matter, then one section a document; page numbers start once.
        Assert.Equal(5, sections.Count);
        Assert.Equal(1, sections[0].GetFirstChild<PageNumberType>()!.Start!.Value);
        Assert.All(sections.Skip(1), s => Assert.Null(s.GetFirstChild<PageNumberType>()));
        Assert.Null(sections[0].GetFirstChild<FooterReference>());
        Assert.Equal(
            ["ISMS-001", "ISMS-002", "ISMS-003"],
            sections.Skip(2).Select(s => document.MainDocumentPart.GetPartById(s.GetFirstChild<FooterReference>()!.Id!.Value!))
                .Select(p => ((FooterPart)p).Footer!.InnerText.Split(' ', '　')[1]));
    }

    [Fact]
    public void Restarts_section_numbers_for_each_document()
    {
        using var document = Writing_a_policy_as_docx.Open(SetDocx);
        var headingLists = Writing_a_policy_as_docx.Paragraphs(document)
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Heading2")
            .Select(p => p.ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value)
            .Distinct()
            .ToList();
        Assert.Equal(3, headingLists.Count);

        var numbering = document.MainDocumentPart!.NumberingDefinitionsPart!.Numbering!;
        Assert.All(headingLists, id => Assert.Equal(1, numbering.Elements<NumberingInstance>().Single(n => n.NumberID! == id)
            .Elements<LevelOverride>().Single(o => o.LevelIndex! == 0).StartOverrideNumberingValue!.Val!.Value));
    }

    [Fact]
    public void Lists_each_document_and_its_own_sections_in_a_two_level_table_of_contents()
    {
        var procedure = SamplePolicies.Japanese("情報セキュリティ実施手順", "ISMS-003") with { Sections = [new DocumentSection("手順", 1, "## 報告\n\n本文")] };
        using var document = Writing_a_policy_as_docx.Open(SamplePolicies.Docx(
            SamplePolicies.Japanese(), SamplePolicies.Japanese("情報セキュリティ対策基準", "ISMS-002"), procedure));
        var main = document.MainDocumentPart!;
        var code = main.Document!.Descendants<FieldCode>().Select(c => c.Text).Single(c => c.StartsWith(" TOC ", StringComparison.Ordinal));
        Assert.Equal(@" TOC \o ""1-2"" \h \z \u ", code);
        Assert.True(main.DocumentSettingsPart!.Settings!.GetFirstChild<UpdateFieldsOnOpen>()!.Val!.Value);

        var entries = Writing_a_policy_as_docx.Paragraphs(document)
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "TOC1" or "TOC2")
            .Select(p => Writing_a_policy_as_docx.Text(p).Split('\t')[0]);

        // The first two share their sections (one template): their titles say enough.
        Assert.Equal(["ISMS-001　情報セキュリティ基本方針", "ISMS-002　情報セキュリティ対策基準", "ISMS-003　情報セキュリティ実施手順", "1 手順"], entries);
        Assert.Equal(4, Writing_a_policy_as_docx.Paragraphs(document).Count(p => p.ParagraphProperties?.OutlineLevel?.Val?.Value == 2));
    }

    [Fact]
    public void Has_a_cover_then_the_document_list_and_is_valid()
    {
        using var document = Writing_a_policy_as_docx.Open(SetDocx);
        var body = document.MainDocumentPart!.Document!.Body!;
        Assert.Equal("情報セキュリティポリシー", Writing_a_policy_as_docx.Text(body.Descendants<Paragraph>().Single(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Title")));
        var cover = body.Elements<Table>().First();
        Assert.Equal(["版数", "発行日", "機密区分", "承認者"], cover.Elements<TableRow>().Select(r => r.Elements<TableCell>().First().InnerText));

        var list = body.Elements<Table>().ElementAt(1);
        Assert.Equal(["文書番号", "文書名", "版数", "施行日"], list.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal(
            ["情報セキュリティ基本方針", "情報セキュリティ対策基準", "情報セキュリティ実施手順"],
            list.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().ElementAt(1).InnerText));
        Assert.Empty(Writing_a_policy_as_docx.Validate(document));
        Assert.Equal("情報セキュリティポリシー 株式会社山田商事", document.PackageProperties.Title);
    }

    [Fact]
    public void Gives_a_table_wider_than_four_columns_a_landscape_page_and_columns_that_fit_it()
    {
        var wide = SamplePolicies.Japanese("適用宣言書", "SoA") with
        {
            Sections =
            [
                new DocumentSection("5 組織的管理策", 1,
                    "| 管理策番号 | 管理策名 | 適用/除外 | 理由 | 実施状況 | 責任者 | 証跡 |\n|---|---|---|---|---|---|---|\n"
                    + "| 5.1 | 情報セキュリティのための方針群 | 適用 | 基本方針と対策基準を定め、全従業員に周知するため | 実施済 | 港 一郎 | 基本方針 第1版 |\n"
                    + "| 5.10 | 情報及びその他の関連資産の利用の許容範囲 | 適用 | 取り扱いのルールが必要なため | 計画中 | 港 花子 | |\n"),
            ],
        };
        using var document = Writing_a_policy_as_docx.Open(SamplePolicies.Docx(SamplePolicies.Japanese(), wide));
        var last = document.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();
        Assert.Equal(PageOrientationValues.Landscape, last.GetFirstChild<PageSize>()!.Orient!.Value);

        var table = document.MainDocumentPart.Document.Body.Elements<Table>().Last();
        var widths = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(16838 - (2 * 1418), widths.Sum());
        Assert.True(widths[1] > 2 * widths[0], $"title {widths[1]}, number {widths[0]}");
        Assert.True(widths[1] >= 15 * 200, $"a control title needs at least 15 characters a line: {widths[1]}");
    }
}
