using System.Globalization;
using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Documents;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;
using Mamori.Tests.Support;

namespace Mamori.Tests.Import;

/// <summary>Writes a register with given columns as .xlsx or CSV, and reads it back with the same columns.</summary>
public abstract class RegisterColumnsTest : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected RegisterColumnsTest() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    protected TempFiles Files { get; } = new();

    /// <summary>An asset with every column of <see cref="RegisterColumns.All"/> filled, some by derivation.</summary>
    protected static InformationAsset[] Assets()
    {
        var organization = Guid.NewGuid();
        var assessed = new InformationAsset(organization, "社員名簿", Rating.High, Rating.High, Rating.Medium)
        {
            BusinessCategory = "人事",
            Notes = "社員基本情報",
            UserScope = "人事部",
            RiskOwner = "人事部長",
            Department = "人事部",
            MediaAndLocation = "人事担当者のPC",
            PersonalInformation = PersonalInformationKinds.Personal | PersonalInformationKinds.Sensitive | PersonalInformationKinds.MyNumber,
            RetentionPeriod = "5年",
            RegisteredOn = new DateOnly(2025, 4, 1),
        };
        assessed.AssessLikelihood(Rating.High, Rating.Medium);
        var given = new InformationAsset(organization, "見積書", Rating.Low, Rating.Medium, Rating.Low) { RegisteredOn = new DateOnly(2024, 12, 31) };
        given.SetLikelihood(Rating.Medium);
        var open = new InformationAsset(organization, "カタログ", Rating.Low, Rating.Low, Rating.Low) { RegisteredOn = new DateOnly(2025, 1, 2) };
        return [assessed, given, open];
    }

    protected static CultureInfo Culture(bool japanese) => japanese ? Language.Japanese : Language.English;

    protected async Task<string> WriteAsync(string format, IEnumerable<InformationAsset> assets, IReadOnlyList<RegisterColumn> columns, bool japanese = true)
    {
        var path = Files.PathOf($"register-{Guid.NewGuid():N}.{format}");
        await using var file = File.Create(path);
        if (format == "xlsx")
        {
            await RegisterWorkbook.WriteAsync(file, assets.ToAsyncEnumerable(), RiskBandScheme.Ipa, Culture(japanese), columns, includeCachedValues: true, CancellationToken.None);
        }
        else
        {
            await RegisterExport.WriteCsvAsync(file, assets.ToAsyncEnumerable(), Culture(japanese), columns, CancellationToken.None);
        }

        return path;
    }

    protected static IReadOnlyList<string> HeaderRow(string path)
    {
        using var stream = File.OpenRead(path);
        return SheetReader.Read(stream, path).First().Cells.Select(c => c.Text).ToList();
    }

    /// <summary>Every column of every asset as <see cref="RegisterColumn.Display"/> shows it.</summary>
    protected static string[][] Displayed(IEnumerable<InformationAsset> assets, IReadOnlyList<RegisterColumn> columns) =>
        [.. assets.Select(a => columns.Select(c => c.Display(a)).ToArray())];

    protected static InformationAsset[] ReadBack(string path, IReadOnlyList<RegisterColumn> columns)
    {
        var result = RegisterParser.Parse(path, columns);
        Assert.Empty(result.Problems);
        return [.. result.Entries.Select(e => e.ToAsset(Guid.NewGuid(), new DateOnly(2000, 1, 1)))];
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        Files.Dispose();
        GC.SuppressFinalize(this);
    }
}

public class Every_register_column : RegisterColumnsTest
{
    public static TheoryData<string, string> Headers()
    {
        var data = new TheoryData<string, string>();
        foreach (var column in RegisterColumns.All)
        {
            foreach (var header in column.Japanese.Concat(column.English))
            {
                data.Add(column.Key, header);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public void Is_found_by_the_parser_under_each_of_its_headers(string key, string header)
    {
        var column = RegisterColumns.All.Single(c => c.Key == key);
        var required = RegisterColumns.All.Where(c => c.Required).ToList();
        var headers = required.Select(c => c == column ? header : c.Japanese[0]).ToList();
        var cells = required.Select(c => c == RegisterColumns.Name ? "資産" : "1").ToList();
        if (!required.Contains(column))
        {
            headers.Add(header);
            cells.Add("");
        }

        var result = RegisterParser.Parse(Files.Csv("r.csv", $"{string.Join(',', headers)}\n{string.Join(',', cells)}\n"));
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("xlsx", true)]
    [InlineData("xlsx", false)]
    [InlineData("csv", true)]
    [InlineData("csv", false)]
    public async Task Is_written_under_its_header_by_both_writers(string format, bool japanese) =>
        Assert.Equal(RegisterColumns.All.Select(c => c.Header(Culture(japanese))), HeaderRow(await WriteAsync(format, Assets(), RegisterColumns.All, japanese)));

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Comes_back_as_it_was_written(string format)
    {
        var path = await WriteAsync(format, Assets(), RegisterColumns.All);
        Assert.Equal(Displayed(Assets(), RegisterColumns.All), Displayed(ReadBack(path, RegisterColumns.All), RegisterColumns.All));
    }
}

/// <summary>
/// Columns that exist only in this test, as a new entry in <see cref="RegisterColumns"/> would: their
/// values live beside the assets here, where a real column has the asset's property and its migration.
/// </summary>
public class A_column_defined_only_in_the_table : RegisterColumnsTest
{
    private static readonly ConditionalWeakTable<InformationAsset, string> Cabinets = new();
    private static readonly ConditionalWeakTable<InformationAsset, object> Secrecy = new();

    private static readonly RegisterColumn Cabinet = new()
    {
        Key = "Cabinet",
        Japanese = ["保管庫", "キャビネット"],
        English = ["Cabinet"],
        Kind = RegisterCellKind.Text,
        Width = 10,
        Get = a => Cabinets.TryGetValue(a, out var cabinet) ? cabinet : "",
        Set = (a, value) => Cabinets.AddOrUpdate(a, (string)value),
    };

    private static readonly RegisterColumn SecrecyRating = new()
    {
        Key = "Secrecy",
        Japanese = ["秘匿度"],
        English = ["Secrecy"],
        Kind = RegisterCellKind.Rating,
        Width = 8,
        Get = a => Secrecy.TryGetValue(a, out var rating) ? rating : null,
        Set = (a, value) => Secrecy.AddOrUpdate(a, value),
    };

    private static readonly IReadOnlyList<RegisterColumn> Extended = [.. RegisterColumns.All, Cabinet, SecrecyRating];

    private static InformationAsset[] FilledAssets()
    {
        var assets = Assets();
        Cabinets.AddOrUpdate(assets[0], "金庫A");
        Cabinets.AddOrUpdate(assets[1], "書庫B, 2段目");
        Secrecy.AddOrUpdate(assets[0], Rating.High);
        return assets;
    }

    [Fact]
    public void Is_read_from_a_file_under_any_of_its_headers()
    {
        var path = Files.Csv("r.csv", "情報資産名称,機密性,完全性,可用性,キャビネット,Secrecy\n顧客リスト,3,3,3,書庫2,2\n");
        var asset = Assert.Single(ReadBack(path, Extended));
        Assert.Equal(("書庫2", "2"), (Cabinet.Display(asset), SecrecyRating.Display(asset)));
    }

    [Fact]
    public void Is_unknown_to_the_parser_that_has_not_got_it()
    {
        var path = Files.Csv("r.csv", "情報資産名称,機密性,完全性,可用性,キャビネット\n顧客リスト,3,3,3,書庫2\n");
        Assert.Equal("キャビネット", Assert.Single(RegisterParser.Parse(path).Problems).Column);
    }

    [Fact]
    public void Is_checked_as_its_kind_says()
    {
        var path = Files.Csv("r.csv", "情報資産名称,機密性,完全性,可用性,秘匿度\n顧客リスト,3,3,3,5\n");
        var problem = Assert.Single(RegisterParser.Parse(path, Extended).Problems);
        Assert.Equal((2, "秘匿度"), (problem.Row, problem.Column));
        Assert.Contains("「5」", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Round_trips_through_the_writer_and_the_parser(string format)
    {
        var path = await WriteAsync(format, FilledAssets(), Extended);
        Assert.Equal(Extended.Select(c => c.Header(Language.Japanese)), HeaderRow(path));
        Assert.Equal(Displayed(FilledAssets(), Extended), Displayed(ReadBack(path, Extended), Extended));
    }

    [Fact]
    public async Task Gets_the_workbooks_width_and_rating_validation()
    {
        using var document = SpreadsheetDocument.Open(await WriteAsync("xlsx", FilledAssets(), Extended), false);
        var sheet = ((WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet;
        Assert.Equal(22, sheet.Descendants<Column>().Count());
        Assert.Equal("K2:M4 Q2:S4 V2:V4", sheet.Descendants<DataValidation>().First().SequenceOfReferences!.InnerText);
        Assert.Equal("A1:V4", sheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
    }
}
