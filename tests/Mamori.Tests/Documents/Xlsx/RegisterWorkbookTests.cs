using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;
using Mamori.Tests.Support;

namespace Mamori.Tests.Documents.Xlsx;

/// <summary>The seed's register (seed ch.9) as assets, with a workbook written from them.</summary>
public abstract class RegisterWorkbookTest : IDisposable
{
    protected const string RegisterSheet = "情報資産管理台帳";
    protected const string RiskSheet = "リスク分析";

    protected TempFiles Files { get; } = new();

    /// <summary>
    /// 社員名簿 and 当社宛請求書 assessed from threat and vulnerability (3×3 → 3, 3×2 → 2),
    /// 顧客リスト with its likelihood given directly, as the seed's register gives it.
    /// </summary>
    protected static InformationAsset[] SeedAssets()
    {
        var organization = Guid.NewGuid();
        InformationAsset Asset(string category, string name, string notes, string department, string media, int c, int i, int a) =>
            new(organization, name, Rating.From(c), Rating.From(i), Rating.From(a))
            {
                BusinessCategory = category,
                Notes = notes,
                UserScope = department,
                RiskOwner = department + "長",
                Department = department,
                MediaAndLocation = media,
                RetentionPeriod = "5年",
                RegisteredOn = new DateOnly(2025, 4, 1),
            };

        var staff = Asset("人事", "社員名簿", "社員基本情報", "人事部", "人事担当者のPC", 3, 3, 2);
        staff.PersonalInformation = PersonalInformationKinds.Personal | PersonalInformationKinds.MyNumber;
        staff.AssessLikelihood(Rating.High, Rating.High);
        var invoices = Asset("経理", "当社宛請求書", "過去3年分", "経理部", "経理担当者のPC", 3, 3, 2);
        invoices.AssessLikelihood(Rating.High, Rating.Medium);
        var customers = Asset("営業", "顧客リスト", "得意先", "営業部", "営業担当者のPC", 3, 3, 3);
        customers.PersonalInformation = PersonalInformationKinds.Personal;
        customers.SetLikelihood(Rating.Medium);
        return [staff, invoices, customers];
    }

    protected async Task<string> WriteAsync(IEnumerable<InformationAsset> assets, bool japanese = true, RiskBandScheme? bands = null, bool includeCachedValues = true)
    {
        var path = Files.PathOf($"register-{Guid.NewGuid():N}.xlsx");
        await using var file = File.Create(path);
        await RegisterWorkbook.WriteAsync(file, assets.ToAsyncEnumerable(), bands ?? RiskBandScheme.Ipa, japanese ? Language.Japanese : Language.English, includeCachedValues, CancellationToken.None);
        return path;
    }

    protected static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    protected static Cell Cell(Worksheet sheet, string reference) =>
        sheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    protected static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    /// <summary>The cell under <paramref name="header"/> in each data row.</summary>
    protected static IReadOnlyList<Cell?> Column(Worksheet sheet, string header)
    {
        var rows = sheet.Descendants<Row>().ToList();
        var headerCell = rows[0].Elements<Cell>().Single(c => Text(c) == header);
        var letter = headerCell.CellReference!.Value![..^1];
        return rows.Skip(1)
            .Select(r => r.Elements<Cell>().SingleOrDefault(c => c.CellReference == $"{letter}{r.RowIndex!.Value}"))
            .ToList();
    }

    public void Dispose()
    {
        Files.Dispose();
        GC.SuppressFinalize(this);
    }
}

public class The_register_workbook : RegisterWorkbookTest
{
    [Fact]
    public async Task Has_the_register_and_the_risk_analysis_sheets()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        Assert.Equal([RegisterSheet, RiskSheet], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        Assert.Equal(XlsxSheetReader.PreferredSheetName, RegisterSheet);
    }

    [Fact]
    public async Task Heads_the_register_with_the_importers_column_names_in_row_1()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var header = Sheet(document, RegisterSheet).Descendants<Row>().First();
        Assert.Equal(1u, header.RowIndex!.Value);
        Assert.Equal(RegisterColumns.All.Select(c => c.Japanese[0]), header.Elements<Cell>().Select(Text));
    }

    [Fact]
    public async Task Heads_the_risk_analysis_with_the_band()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var header = Sheet(document, RiskSheet).Descendants<Row>().First();
        Assert.Equal(["業務分類", "情報資産名称", "重要度", "被害発生可能性", "リスク値", "判定"], header.Elements<Cell>().Select(Text));
    }

    [Fact]
    public async Task Computes_importance_and_risk_with_formulas_that_carry_Mamoris_values()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var sheet = Sheet(document, RegisterSheet);

        var importance = Column(sheet, "重要度");
        Assert.Equal("IF(OR(H2=\"○\",I2=\"○\",J2=\"○\"),3,MAX(K2:M2))", importance[0]!.CellFormula!.Text);
        Assert.All(importance, c => Assert.NotNull(c!.CellFormula));
        Assert.Equal(["3", "3", "3"], importance.Select(c => c!.CellValue!.Text));

        var risk = Column(sheet, "リスク値");
        Assert.Equal("IF(ISNUMBER(S2),N2*S2,\"\")", risk[0]!.CellFormula!.Text);
        Assert.All(risk, c => Assert.NotNull(c!.CellFormula));
        Assert.Equal(["9", "6", "6"], risk.Select(c => c!.CellValue!.Text));
    }

    [Fact]
    public async Task Computes_likelihood_from_threat_and_vulnerability_but_keeps_a_given_one()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var likelihood = Column(Sheet(document, RegisterSheet), "被害発生可能性");
        Assert.Equal("IF(AND(ISNUMBER(Q2),ISNUMBER(R2)),MAX(1,Q2+R2-3),\"\")", likelihood[0]!.CellFormula!.Text);
        Assert.NotNull(likelihood[1]!.CellFormula);
        Assert.Null(likelihood[2]!.CellFormula);
        Assert.Equal(["3", "2", "2"], likelihood.Select(c => c!.CellValue!.Text));
    }

    [Fact]
    public async Task Leaves_an_unassessed_asset_ready_to_compute_once_rated()
    {
        var asset = new InformationAsset(Guid.NewGuid(), "未評価の資産", Rating.Low, Rating.Medium, Rating.Low);
        using var document = SpreadsheetDocument.Open(await WriteAsync([asset]), false);
        var sheet = Sheet(document, RegisterSheet);
        Assert.All([Cell(sheet, "S2"), Cell(sheet, "T2")], c =>
        {
            Assert.NotNull(c.CellFormula);
            Assert.Equal(CellValues.String, c.DataType!.Value);
            Assert.Equal("", c.CellValue!.Text);
        });
        Assert.Equal("2", Cell(sheet, "N2").CellValue!.Text);
        Assert.Equal("", Cell(Sheet(document, RiskSheet), "F2").CellValue!.Text);
    }

    [Fact]
    public async Task Takes_the_risk_analysis_from_the_register_by_reference()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var sheet = Sheet(document, RiskSheet);
        Assert.Equal("IF('情報資産管理台帳'!B2=\"\",\"\",'情報資産管理台帳'!B2)", Cell(sheet, "B2").CellFormula!.Text);
        Assert.Equal("'情報資産管理台帳'!N2", Cell(sheet, "C2").CellFormula!.Text);
        Assert.Equal("IF(ISNUMBER(D2),C2*D2,\"\")", Cell(sheet, "E2").CellFormula!.Text);
        Assert.Equal("IF(E2=\"\",\"\",IF(E2>=6,\"大\",IF(E2>=4,\"中\",\"小\")))", Cell(sheet, "F2").CellFormula!.Text);
        Assert.Equal(
            [("社員名簿", "3", "3", "9", "大"), ("当社宛請求書", "3", "2", "6", "大"), ("顧客リスト", "3", "2", "6", "大")],
            Enumerable.Range(2, 3).Select(r => (
                Text(Cell(sheet, $"B{r}")), Text(Cell(sheet, $"C{r}")), Text(Cell(sheet, $"D{r}")), Text(Cell(sheet, $"E{r}")), Text(Cell(sheet, $"F{r}")))));
    }

    [Fact]
    public async Task Bands_by_the_organizations_scheme()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets(), bands: RiskBandScheme.Custom(mediumFrom: 4, highFrom: 9)), false);
        var sheet = Sheet(document, RiskSheet);
        Assert.Equal("IF(E2=\"\",\"\",IF(E2>=9,\"高\",IF(E2>=4,\"中\",\"低\")))", Cell(sheet, "F2").CellFormula!.Text);
        Assert.Equal(["高", "中", "中"], Enumerable.Range(2, 3).Select(r => Text(Cell(sheet, $"F{r}"))));
        var rules = sheet.Descendants<ConditionalFormattingRule>().Select(r => r.Elements<Formula>().Single().Text);
        Assert.Equal(["AND(ISNUMBER($E2),$E2>=9)", "AND(ISNUMBER($E2),$E2>=4,$E2<9)", "AND(ISNUMBER($E2),$E2<4)"], rules);
    }

    [Fact]
    public async Task Validates_ratings_and_personal_information_flags()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var validations = Sheet(document, RegisterSheet).Descendants<DataValidation>().ToList();
        Assert.Equal(2, validations.Count);

        var ratings = validations[0];
        Assert.Equal((DataValidationValues.Whole, DataValidationOperatorValues.Between), (ratings.Type!.Value, ratings.Operator!.Value));
        Assert.Equal(("1", "3"), (ratings.Formula1!.Text, ratings.Formula2!.Text));
        Assert.Equal("K2:M4 Q2:S4", ratings.SequenceOfReferences!.InnerText);
        Assert.Equal("1、2、3 のいずれかを入力してください。", ratings.Error!.Value);

        var flags = validations[1];
        Assert.Equal(DataValidationValues.List, flags.Type!.Value);
        Assert.Equal("\"○\"", flags.Formula1!.Text);
        Assert.Equal("H2:J4", flags.SequenceOfReferences!.InnerText);
    }

    [Fact]
    public async Task Colours_risk_values_as_the_web_application_does()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var formatting = Sheet(document, RegisterSheet).Descendants<ConditionalFormatting>().Single();
        Assert.Equal("T2:T4", formatting.SequenceOfReferences!.InnerText);
        Assert.Equal(
            ["AND(ISNUMBER($T2),$T2>=6)", "AND(ISNUMBER($T2),$T2>=4,$T2<6)", "AND(ISNUMBER($T2),$T2<4)"],
            formatting.Elements<ConditionalFormattingRule>().Select(r => r.Elements<Formula>().Single().Text));

        var fills = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.DifferentialFormats!.Elements<DifferentialFormat>()
            .Select(f => f.Fill!.PatternFill!.BackgroundColor!.Rgb!.Value);
        Assert.Equal(["FFC0392B", "FFE6A117", "FF2E8B57"], fills);
        Assert.Single(Sheet(document, RiskSheet).Descendants<ConditionalFormatting>());
    }

    [Fact]
    public async Task Freezes_the_header_filters_it_and_repeats_it_on_every_printed_page()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        foreach (var (name, index) in new[] { (RegisterSheet, 0u), (RiskSheet, 1u) })
        {
            var sheet = Sheet(document, name);
            var pane = sheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, 1d), (pane.State!.Value, pane.VerticalSplit!.Value));
            Assert.StartsWith("A1:", sheet.GetFirstChild<AutoFilter>()!.Reference!.Value, StringComparison.Ordinal);

            var setup = sheet.GetFirstChild<PageSetup>()!;
            Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
            Assert.True(sheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value);

            var titles = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>()
                .Single(d => d.Name == "_xlnm.Print_Titles" && d.LocalSheetId!.Value == index);
            Assert.Equal($"'{name}'!$1:$1", titles.Text);
        }
    }

    [Fact]
    public async Task Is_valid_Office_Open_XML()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
    }

    [Fact]
    public async Task Sets_a_Japanese_font_and_a_date_format()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        Assert.Equal("游ゴシック", styles.Fonts!.Elements<Font>().First().GetFirstChild<FontName>()!.Val!.Value);
        var date = Cell(Sheet(document, RegisterSheet), "P2");
        Assert.Equal("45748", date.CellValue!.Text);
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)date.StyleIndex!.Value);
        Assert.Equal("yyyy/mm/dd", styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);
    }

    [Fact]
    public async Task Is_read_back_by_the_importer()
    {
        var result = RegisterParser.Parse(await WriteAsync(SeedAssets()));
        Assert.Empty(result.Problems);
        Assert.Equal(
            [("社員名簿", 3, 9), ("当社宛請求書", 3, 6), ("顧客リスト", 3, 6)],
            result.Entries.Select(e => (e.Asset.Name, e.Asset.Importance.Value, e.Asset.RiskValue!.Value.Value)));
        var staff = result.Entries[0];
        Assert.Equal(
            ("人事", "社員基本情報", "人事部長", PersonalInformationKinds.Personal | PersonalInformationKinds.MyNumber, new DateOnly(2025, 4, 1), 3, 3),
            (staff.Asset.BusinessCategory, staff.Asset.Notes, staff.Asset.RiskOwner, staff.Asset.PersonalInformation, staff.RegisteredOn!.Value, staff.Asset.ThreatLikelihood!.Value.Value, staff.Asset.VulnerabilityExposure!.Value.Value));
    }

    [Fact]
    public async Task Writes_to_a_stream_that_cannot_seek()
    {
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            await RegisterWorkbook.WriteAsync(forwardOnly, SeedAssets().ToAsyncEnumerable(), RiskBandScheme.Ipa, Language.Japanese);
        }

        var path = Files.Bytes("forward.xlsx", buffer.ToArray());
        Assert.Equal(3, RegisterParser.Parse(path).Entries.Count);
    }

    [Fact]
    public async Task Matches_the_snapshot_of_its_sheets()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync(SeedAssets()), false);
        SheetSnapshot.Match(
            ("register-sheet1.xml", SheetSnapshot.Normalize(Sheet(document, RegisterSheet).WorksheetPart!)),
            ("register-sheet2.xml", SheetSnapshot.Normalize(Sheet(document, RiskSheet).WorksheetPart!)));
    }

    /// <summary>A write-only stream like an HTTP response body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed.");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}

public class The_English_register_workbook : RegisterWorkbookTest
{
    [Fact]
    public async Task Uses_English_sheet_names_headers_and_bands_and_is_read_back()
    {
        var path = await WriteAsync(SeedAssets(), japanese: false);
        using (var document = SpreadsheetDocument.Open(path, false))
        {
            Assert.Equal(["Asset register", "Risk analysis"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
            var register = Sheet(document, "Asset register");
            Assert.Equal(RegisterColumns.All.Select(c => c.English[0]), register.Descendants<Row>().First().Elements<Cell>().Select(Text));
            var analysis = Sheet(document, "Risk analysis");
            Assert.Equal("'Asset register'!N2", Cell(analysis, "C2").CellFormula!.Text);
            Assert.Equal(["Large", "Large", "Large"], Column(analysis, "Risk band").Select(c => Text(c!)));
            Assert.Equal("Enter 1, 2 or 3.", register.Descendants<DataValidation>().First().Error!.Value);
        }

        Assert.Equal([9, 6, 6], RegisterParser.Parse(path).Entries.Select(e => e.Asset.RiskValue!.Value.Value));
    }
}

public class Text_that_looks_like_a_formula : RegisterWorkbookTest
{
    [Theory]
    [InlineData("=1+2")]
    [InlineData("+81 3-1234-5678")]
    [InlineData("-")]
    [InlineData("@SUM(A1)")]
    [InlineData("=HYPERLINK(\"http://example.com\",\"x\")")]
    public async Task Stays_text(string text)
    {
        var asset = new InformationAsset(Guid.NewGuid(), text, Rating.Low, Rating.Low, Rating.Low)
        {
            BusinessCategory = text,
            Notes = text,
            MediaAndLocation = text,
        };
        var path = await WriteAsync([asset]);
        using (var document = SpreadsheetDocument.Open(path, false))
        {
            var sheet = Sheet(document, RegisterSheet);
            Assert.All(["A2", "B2", "C2", "G2"], reference =>
            {
                var cell = Cell(sheet, reference);
                Assert.Null(cell.CellFormula);
                Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
                Assert.Equal(text, Text(cell));
            });
        }

        Assert.Equal(text, RegisterParser.Parse(path).Entries.Single().Asset.Name);
    }

    [Fact]
    public async Task Control_characters_do_not_break_the_file()
    {
        var asset = new InformationAsset(Guid.NewGuid(), "a\u0001b\ud800c", Rating.Low, Rating.Low, Rating.Low) { Notes = "1行目\n2行目\t😀" };
        using var document = SpreadsheetDocument.Open(await WriteAsync([asset]), false);
        var sheet = Sheet(document, RegisterSheet);
        Assert.Equal(("a\uFFFDb\uFFFDc", "1行目\n2行目\t😀"), (Text(Cell(sheet, "B2")), Text(Cell(sheet, "C2"))));
    }
}

/// <summary>
/// Approval of a sheet's XML against a file committed next to the tests: a missing file is
/// written and the test fails once, saying so; review it, commit it, and the next run passes.
/// </summary>
internal static class SheetSnapshot
{
    /// <summary>The part's XML indented, with SpreadsheetML as the default namespace (the SDK writes it as x:).</summary>
    public static string Normalize(WorksheetPart part)
    {
        using var stream = part.GetStream();
        var document = XDocument.Load(stream);
        document.Root!.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == document.Root.Name.NamespaceName).Remove();
        document.Root.SetAttributeValue("xmlns", document.Root.Name.NamespaceName);
        return document.ToString().ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Compares each (file name, XML) with its snapshot; missing snapshots are all written before the test fails.</summary>
    public static void Match(params (string Name, string Actual)[] snapshots)
    {
        var created = new List<string>();
        foreach (var (name, actual) in snapshots)
        {
            var path = RepositoryFiles.Path("tests", "Mamori.Tests", "Documents", "Xlsx", "Snapshots", name);
            if (File.Exists(path))
            {
                Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            created.Add(path);
        }

        Assert.True(created.Count == 0, $"The snapshots {string.Join(", ", created)} did not exist and have been created from this run; review them and run the test again.");
    }
}
