using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Documents;
using Mamori.Documents.Docx;
using Mamori.Domain;
using Mamori.Tests.Support;

namespace Mamori.Tests.Documents.Docx;

/// <summary>The policies the document tests write: Japanese, as the product's default, and English.</summary>
public static class SamplePolicies
{
    public static RenderedDocument Japanese(string title = "情報セキュリティ基本方針", string number = "ISMS-001", string? extraMarkdown = null) => new(
        title,
        "株式会社山田商事",
        number,
        "1.1",
        new DateOnly(2025, 4, 1),
        "社外秘",
        [
            new RevisionRow("1.0", new DateOnly(2024, 4, 1), "山田太郎", "制定", "山田一郎"),
            new RevisionRow("1.1", new DateOnly(2025, 4, 1), "佐藤花子", "適用範囲の見直し", "山田一郎"),
        ],
        [
            new RoleRow("情報セキュリティ責任者", "情報セキュリティに関する最終的な責任を負い、基本方針を承認する。", "代表取締役 山田一郎"),
            new RoleRow("情報セキュリティ部門責任者", "部門における対策の実施を管理する。", "各部門長"),
            new RoleRow("システム管理者", "情報システムの運用とアクセス権の管理を行う。", "鈴木次郎"),
            new RoleRow("教育責任者", "従業員への情報セキュリティ教育を計画し、実施する。", "佐藤花子"),
        ],
        [
            new DocumentSection("目的", 1,
                "当社は、**お客様からお預かりした情報**をはじめとする情報資産を、\n*漏えい・改ざん・紛失*から守るため、本方針を定める。"),
            new DocumentSection("適用範囲", 1,
                "本方針は、次の者に適用する。\n\n- 役員\n- 従業員\n  - 正社員\n  - 派遣社員\n- 業務委託先"),
            new DocumentSection("情報セキュリティ対策", 2,
                "当社は次の対策を講じる。\n\n1. 情報資産の洗い出し\n2. リスクアセスメント\n3. `教育` の実施\n\n"
                + "# 対策の分担\n\n| 対策 | 担当 |\n|---|:---:|\n| アクセス管理 | システム管理者 |\n| 教育 | 教育責任者 |\n\n"
                + "> 違反した者は就業規則に基づき処分する。" + (extraMarkdown ?? "")),
        ],
        Language.Japanese);

    public static RenderedDocument English() => new(
        "Information Security Policy",
        "Yamada Trading Co., Ltd.",
        "ISMS-001",
        "1.1",
        new DateOnly(2025, 4, 1),
        "Internal",
        [
            new RevisionRow("1.0", new DateOnly(2024, 4, 1), "Taro Yamada", "First issue", "Ichiro Yamada"),
            new RevisionRow("1.1", new DateOnly(2025, 4, 1), "Hanako Sato", "Scope revised", "Ichiro Yamada"),
        ],
        [
            new RoleRow("Chief information security officer", "Owns information security and approves this policy.", "Ichiro Yamada"),
            new RoleRow("Department security lead", "Runs the controls in each department.", "Department heads"),
            new RoleRow("System administrator", "Operates the systems and manages access rights.", "Jiro Suzuki"),
            new RoleRow("Training lead", "Plans and gives security training.", "Hanako Sato"),
        ],
        [
            new DocumentSection("Purpose", 1, "We protect **the information our customers entrust to us**\nand our other *information assets*."),
            new DocumentSection("Scope", 1, "This policy applies to:\n\n- directors\n- employees\n  - permanent staff\n  - temporary staff\n- contractors"),
            new DocumentSection("Controls", 2,
                "We will:\n\n1. list our information assets\n2. assess the risks\n3. train our people\n\n"
                + "| Control | Owner |\n|---|---|\n| Access management | System administrator |\n| Training | Training lead |"),
        ],
        Language.English);

    public static byte[] Docx(params RenderedDocument[] documents)
    {
        using var output = new MemoryStream();
        PolicyDocx.Write(output, documents);
        return output.ToArray();
    }
}

public class Writing_a_policy_as_docx
{
    private static readonly byte[] JapaneseDocx = SamplePolicies.Docx(SamplePolicies.Japanese());
    private static readonly byte[] EnglishDocx = SamplePolicies.Docx(SamplePolicies.English());

    [Fact]
    public void Uses_Words_built_in_heading_styles_with_the_title_as_heading_1()
    {
        using var document = Open(JapaneseDocx);
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        var used = Paragraphs(document).Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value).ToHashSet();

        for (var level = 1; level <= 4; level++)
        {
            var style = styles[$"Heading{level}"];
            Assert.Equal($"heading {level}", style.StyleName!.Val);
            Assert.Equal(level - 1, style.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
            Assert.Null(style.StyleParagraphProperties.NumberingProperties);
            Assert.NotNull(style.StyleParagraphProperties.KeepNext);
            Assert.Contains($"Heading{level}", used);
        }

        Assert.Equal("ISMS-001　情報セキュリティ基本方針", Text(Paragraphs(document).First()));
        Assert.Contains("TableGrid", styles.Keys);
        Assert.Equal("ＭＳ 明朝", document.MainDocumentPart.StyleDefinitionsPart.Styles.DocDefaults!
            .RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!.EastAsia!.Value);
    }

    [Fact]
    public void Numbers_sections_1_and_1_1_on_the_paragraph_when_they_carry_no_number_of_their_own()
    {
        using var document = Open(JapaneseDocx);
        var levels = document.MainDocumentPart!.NumberingDefinitionsPart!.Numbering!.Elements<AbstractNum>().First()
            .Elements<Level>().ToDictionary(l => l.LevelIndex!.Value, l => l.LevelText!.Val!.Value);
        Assert.Equal("%1", levels[0]);
        Assert.Equal("%1.%2", levels[1]);

        var headings = Paragraphs(document).Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading2" or "Heading3").ToList();
        Assert.Equal(["目的", "適用範囲", "情報セキュリティ対策"], headings.Select(Text));
        Assert.Equal([0, 0, 1], headings.Select(p => p.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value));
    }

    [Fact]
    public void Writes_a_number_once_when_the_headings_carry_their_own()
    {
        var numbered = SamplePolicies.Japanese() with
        {
            Sections = [new DocumentSection("ISMS-001 情報セキュリティ基本方針", 1, "## 1. 目的\n\n本文\n\n## 2. 適用範囲\n\n本文\n\n### 2.1 対象者\n\n本文")],
        };
        using var document = Open(SamplePolicies.Docx(numbered));
        var headings = Paragraphs(document).Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true).ToList();

        // The section that repeats the title is the title; the typed numbers stand alone.
        Assert.Equal(["Heading1", "Heading2", "Heading2", "Heading3"], headings.Select(p => p.ParagraphProperties!.ParagraphStyleId!.Val!.Value));
        Assert.Equal(["ISMS-001　情報セキュリティ基本方針", "1. 目的", "2. 適用範囲", "2.1 対象者"], headings.Select(Text));
        Assert.All(headings, p => Assert.Null(p.ParagraphProperties!.NumberingProperties));
    }

    [Fact]
    public void Writes_a_heading_that_is_a_sentence_as_a_numbered_measure_with_its_details_under_it()
    {
        var procedure = SamplePolicies.Japanese() with
        {
            Sections = [new DocumentSection("手順", 1, "## メールの添付ファイルは、送信元を確かめてから開く。\n\n- **担当**: 全従業員\n- **時期**: 受信のたび\n\n## 異常に気づいたら、15分以内にシステム管理者へ報告する。\n\n- **担当**: 全従業員\n")],
        };
        using var document = Open(SamplePolicies.Docx(procedure));
        var paragraphs = Paragraphs(document).ToList();

        var measures = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "ListNumber").ToList();
        Assert.Equal(["メールの添付ファイルは、送信元を確かめてから開く。", "異常に気づいたら、15分以内にシステム管理者へ報告する。"], measures.Select(Text));
        Assert.Single(measures.Select(p => p.ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value).Distinct());
        Assert.All(paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "ListBullet"), p => Assert.Equal(1, p.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value));
        Assert.DoesNotContain(paragraphs, p => Text(p).EndsWith('。') && p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Has_the_revision_history_and_roles_tables_with_repeated_header_rows()
    {
        using var document = Open(JapaneseDocx);
        var tables = document.MainDocumentPart!.Document!.Body!.Elements<Table>().Select(t => (Table: t, Rows: t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList())).ToList();

        var revisions = tables.Single(t => t.Rows[0][0] == "版");
        Assert.Equal(["版", "改訂日", "作成者", "改訂内容", "承認者"], revisions.Rows[0]);
        Assert.Equal(["1.0", "2024年4月1日", "山田太郎", "制定", "山田一郎"], revisions.Rows[1]);
        Assert.Equal(["1.1", "2025年4月1日", "佐藤花子", "適用範囲の見直し", "山田一郎"], revisions.Rows[2]);

        var roles = tables.Single(t => t.Rows[0][0] == "役職名");
        Assert.Equal(["役職名", "役割と責任", "担当者"], roles.Rows[0]);
        Assert.Equal(
            ["情報セキュリティ責任者", "情報セキュリティ部門責任者", "システム管理者", "教育責任者"],
            roles.Rows.Skip(1).Select(r => r[0]));
        Assert.Equal("代表取締役 山田一郎", roles.Rows[1][2]);

        foreach (var (table, _) in new[] { revisions, roles })
        {
            Assert.Equal("TableGrid", table.GetFirstChild<TableProperties>()!.TableStyle!.Val);
            Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
        }
    }

    [Fact]
    public void Opens_with_a_title_block_and_no_cover_or_contents()
    {
        using var document = Open(JapaneseDocx);
        var block = document.MainDocumentPart!.Document!.Body!.Elements<Table>().First().Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(["文書番号", "ISMS-001", "版数", "1.1"], block[0]);
        Assert.Equal(["施行日", "2025年4月1日", "承認者", ""], block[1]);
        Assert.DoesNotContain(document.MainDocumentPart.Document.Descendants<FieldCode>(), c => c.Text.Contains("TOC", StringComparison.Ordinal));
        Assert.Single(document.MainDocumentPart.Document.Body.Descendants<SectionProperties>());

        using var english = Open(EnglishDocx);
        Assert.Contains(english.MainDocumentPart!.Document!.Body!.Descendants<TableCell>(), c => c.InnerText == "2025-04-01");
    }

    [Fact]
    public void Has_page_numbers_in_the_footer_and_the_organization_in_the_header()
    {
        using var document = Open(JapaneseDocx);
        var footer = Assert.Single(document.MainDocumentPart!.FooterParts);
        Assert.Contains(footer.Footer!.Descendants<FieldCode>(), c => c.Text.Trim() == "PAGE");
        Assert.Contains("ISMS-001", footer.Footer.InnerText, StringComparison.Ordinal);
        Assert.Contains("社外秘", footer.Footer.InnerText, StringComparison.Ordinal);
        var header = Assert.Single(document.MainDocumentPart.HeaderParts);
        Assert.Contains("株式会社山田商事", header.Header!.InnerText, StringComparison.Ordinal);

        var page = document.MainDocumentPart.Document!.Body!.GetFirstChild<SectionProperties>()!;
        Assert.Equal(1, page.GetFirstChild<PageNumberType>()!.Start!.Value);
        Assert.Equal(11906u, page.GetFirstChild<PageSize>()!.Width!.Value);
        Assert.Equal(16838u, page.GetFirstChild<PageSize>()!.Height!.Value);
    }

    [Fact]
    public void Records_title_and_organization_in_the_document_properties()
    {
        using var document = Open(JapaneseDocx);
        Assert.Equal("情報セキュリティ基本方針", document.PackageProperties.Title);
        Assert.Equal("株式会社山田商事", document.PackageProperties.Creator);
    }

    [Fact]
    public void Renders_the_Markdown_bodies()
    {
        using var document = Open(JapaneseDocx);
        var paragraphs = Paragraphs(document).ToList();
        var text = string.Join('\n', paragraphs.Select(Text));

        Assert.Contains("当社は、お客様からお預かりした情報をはじめとする情報資産を、漏えい・改ざん・紛失から守るため、本方針を定める。", text, StringComparison.Ordinal);
        Assert.Contains(paragraphs.SelectMany(p => p.Descendants<Run>()), r => r.RunProperties?.Bold is not null && r.InnerText == "お客様からお預かりした情報");
        Assert.Contains(paragraphs.SelectMany(p => p.Descendants<Run>()), r => r.RunProperties?.Italic is not null && r.InnerText == "漏えい・改ざん・紛失");

        var bullets = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "ListBullet").ToList();
        Assert.Equal(["役員", "従業員", "正社員", "派遣社員", "業務委託先"], bullets.Select(Text));
        Assert.Equal([0, 0, 1, 1, 0], bullets.Select(p => p.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value));

        var numbered = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "ListNumber").ToList();
        Assert.Equal(["情報資産の洗い出し", "リスクアセスメント", "教育 の実施"], numbered.Select(Text));

        var table = document.MainDocumentPart!.Document!.Body!.Elements<Table>().Single(t => t.InnerText.StartsWith("対策", StringComparison.Ordinal));
        Assert.Equal(3, table.Elements<TableRow>().Count());
        Assert.Contains("就業規則", paragraphs.Single(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Quote").InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_raw_HTML_out()
    {
        var policy = SamplePolicies.Japanese(extraMarkdown: "\n\n<script>alert(1)</script>\n\n強調は <b>x</b> のように書かない。<img src=x onerror=alert(2)>");
        using var document = Open(SamplePolicies.Docx(policy));
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;

        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain("script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", text, StringComparison.Ordinal);
        Assert.Contains("強調は x のように書かない。", text, StringComparison.Ordinal);
        Assert.Empty(Validate(document));
    }

    [Fact]
    public void Stays_valid_with_awkward_Markdown()
    {
        const string awkward = """

            - 項目
              1. 入れ子の番号
              2. 二つ目

                 続きの段落
              > 引用
            -
            3. 3 から始まる番号
            4. 次

            ```
            code block
            ```

            [リンク](https://example.com) と <https://example.jp> と ![画像](x.png)

            | a | b |
            |---|---|
            | 1 | 2 | 3 |
            | 4 |

            #### 深い見出し

            ---
            行末の改行\
            次の行 &amp; 実体参照
            """;
        using var document = Open(SamplePolicies.Docx(SamplePolicies.Japanese(extraMarkdown: awkward)));
        Assert.Empty(Validate(document));

        var text = string.Join('\n', Paragraphs(document).Select(Text));
        Assert.Contains("リンク (https://example.com) と https://example.jp と 画像", text, StringComparison.Ordinal);
        Assert.Contains("行末の改行\n次の行 & 実体参照", text, StringComparison.Ordinal);
        Assert.Contains("code block", text, StringComparison.Ordinal);
        var starts = document.MainDocumentPart!.NumberingDefinitionsPart!.Numbering!.Elements<NumberingInstance>()
            .SelectMany(n => n.Elements<LevelOverride>().Where(o => o.LevelIndex! == 0).Select(o => o.StartOverrideNumberingValue!.Val!.Value));
        Assert.Contains(3, starts);
    }

    [Fact]
    public void Drops_characters_XML_cannot_hold()
    {
        var policy = SamplePolicies.Japanese(title: "基本\u0001方針\uD800");
        using var document = Open(SamplePolicies.Docx(policy));
        Assert.Contains("基本方針", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_valid_Office_Open_XML_in_Japanese_and_English()
    {
        using var japanese = Open(JapaneseDocx);
        using var english = Open(EnglishDocx);
        Assert.Empty(Validate(japanese));
        Assert.Empty(Validate(english));
    }

    [Fact]
    public void Matches_the_Japanese_snapshot()
    {
        using var document = Open(JapaneseDocx);
        Snapshot.Match("basic-policy.ja.txt", NormalisedText(document));
    }

    [Fact]
    public void Matches_the_English_snapshot()
    {
        using var document = Open(EnglishDocx);
        Snapshot.Match("basic-policy.en.txt", NormalisedText(document));
    }

    internal static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);

    internal static IEnumerable<Paragraph> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>();

    internal static List<string> Validate(WordprocessingDocument document) =>
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

    /// <summary>The visible text of a paragraph: its w:t, tabs as \t, field codes left out.</summary>
    internal static string Text(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Paragraphs as "Style: text" and table rows as "| a | b |", in order, then headers and footers.</summary>
    internal static string NormalisedText(WordprocessingDocument document)
    {
        var lines = new List<string>();
        void Add(OpenXmlElement element)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    var text = Text(paragraph);
                    if (text.Length > 0)
                    {
                        var properties = paragraph.ParagraphProperties;
                        var style = properties?.ParagraphStyleId?.Val?.Value ?? "Normal";
                        var level = properties?.NumberingProperties?.NumberingLevelReference?.Val?.Value;
                        lines.Add($"{style}{(level is null ? "" : $"/{level}")}: {Visible(text)}");
                    }

                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        lines.Add($"| {string.Join(" | ", row.Elements<TableCell>().Select(c => Visible(string.Join(" ", c.Elements<Paragraph>().Select(Text)))))} |");
                    }

                    break;
                case SectionProperties:
                    lines.Add("---- section ----");
                    break;
                default:
                    foreach (var child in element.Elements())
                    {
                        Add(child);
                    }

                    break;
            }
        }

        foreach (var element in document.MainDocumentPart!.Document!.Body!.Elements())
        {
            Add(element);
            if (element is Paragraph { ParagraphProperties.SectionProperties: not null })
            {
                lines.Add("---- section ----");
            }
        }

        lines.AddRange(document.MainDocumentPart.HeaderParts.Select(h => $"header: {Visible(Text(h.Header!))}").Order(StringComparer.Ordinal));
        lines.AddRange(document.MainDocumentPart.FooterParts.Select(f => $"footer: {Visible(Text(f.Footer!))}").Order(StringComparer.Ordinal));
        return string.Join('\n', lines) + "\n";
    }

    private static string Visible(string text) =>
        text.Replace("\t", " ⇥ ", StringComparison.Ordinal).Replace("\n", " ↵ ", StringComparison.Ordinal).TrimEnd();
}

/// <summary>
/// Approval of generated text: compares with the file committed next to this test, or writes it
/// (and fails, so a new snapshot is always looked at) when there is none yet.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var path = RepositoryFiles.Path("tests", "Mamori.Tests", "Documents", "Docx", "Snapshots", name);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Assert.Fail($"The snapshot {path} did not exist and has been written: check it, then run the test again.");
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var wanted = expected.Split('\n');
            var got = actual.Split('\n');
            var line = 0;
            while (line < wanted.Length && line < got.Length && wanted[line] == got[line])
            {
                line++;
            }

            Assert.Fail($"The text differs from the snapshot {path} at line {line + 1}:\n"
                + $"expected: {wanted.ElementAtOrDefault(line)}\nactual:   {got.ElementAtOrDefault(line)}\n"
                + "Delete the snapshot and run the test again if the change is intended.");
        }
    }
}
