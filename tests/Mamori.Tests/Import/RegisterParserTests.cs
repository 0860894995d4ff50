using System.Globalization;
using System.Text;
using Mamori.Import;
using Mamori.Tests.Support;

namespace Mamori.Tests.Import;

/// <summary>Problems are asserted in Japanese, the product's default language.</summary>
public abstract class RegisterParserTest : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected RegisterParserTest() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    protected TempFiles Files { get; } = new();

    protected static (int Row, string Name, int Importance, int? Risk)[] Summary(RegisterParseResult result) =>
        result.Entries.Select(e => (e.RowNumber, e.Asset.Name, e.Asset.Importance.Value, e.Asset.RiskValue?.Value)).ToArray();

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        Files.Dispose();
        GC.SuppressFinalize(this);
    }
}

public class Reading_the_seed_register : RegisterParserTest
{
    private static readonly (int, string, int, int?)[] Expected =
        [(2, "社員名簿", 3, 9), (3, "当社宛請求書", 3, 6), (4, "顧客リスト", 3, 6)];

    [Fact]
    public void From_UTF8_CSV_with_BOM() =>
        Assert.Equal(Expected, Summary(RegisterParser.Parse(Files.Csv("r.csv", SeedRegister.Csv(), bom: true))));

    [Fact]
    public void From_UTF8_CSV_without_BOM() =>
        Assert.Equal(Expected, Summary(RegisterParser.Parse(Files.Csv("r.csv", SeedRegister.Csv()))));

    [Fact]
    public void From_Shift_JIS_CSV_as_Japanese_Excel_saves_it()
    {
        var path = Files.Csv("r.csv", SeedRegister.Csv().Replace("\n", "\r\n", StringComparison.Ordinal), CsvSheetReader.ShiftJis);
        Assert.Equal(Expected, Summary(RegisterParser.Parse(path)));
    }

    [Fact]
    public void From_xlsx() =>
        Assert.Equal(Expected, Summary(RegisterParser.Parse(XlsxWriter.Write(Files.PathOf("r.xlsx"), SeedRegister.Sheet()))));

    [Fact]
    public void The_shipped_sample_gives_the_same() =>
        Assert.Equal(Expected, Summary(RegisterParser.Parse(RepositoryFiles.Path("samples", "seed-register.csv"))));

    [Fact]
    public void Keeps_every_column()
    {
        var entry = RegisterParser.Parse(Files.Csv("r.csv", SeedRegister.Csv())).Entries[0];
        Assert.Equal(
            ("人事", "社員名簿", "社員基本情報", "人事部", "人事部長", "人事部", "人事担当者のPC"),
            (entry.Asset.BusinessCategory, entry.Asset.Name, entry.Asset.Notes, entry.Asset.UserScope, entry.Asset.RiskOwner, entry.Asset.Department, entry.Asset.MediaAndLocation));
    }

    [Fact]
    public void With_English_headers()
    {
        string[] header = ["Business category", "Asset name", "Notes", "User scope", "Risk owner", "Department", "Media", "Confidentiality", "Integrity", "Availability", "Importance", "Likelihood", "Risk value"];
        Assert.Equal(Expected, Summary(RegisterParser.Parse(Files.Csv("r.csv", SeedRegister.Csv(header: header)))));
    }

    [Fact]
    public void Below_title_rows_in_a_workbook_keeping_Excels_row_numbers()
    {
        var sheet = new List<IReadOnlyList<string?>> { new[] { "情報資産管理台帳" }, new[] { "株式会社サンプル" } };
        sheet.AddRange(SeedRegister.Sheet());
        var result = RegisterParser.Parse(XlsxWriter.Write(Files.PathOf("r.xlsx"), sheet));
        Assert.Equal([4, 5, 6], result.Entries.Select(e => e.RowNumber));
    }
}

public class Reading_other_register_columns : RegisterParserTest
{
    private const string Header = "情報資産名称,機密性,完全性,可用性";

    [Fact]
    public void Threat_and_vulnerability_give_the_likelihood_by_the_IPA_table()
    {
        var result = RegisterParser.Parse(Files.Csv("r.csv", $"{Header},脅威の起こりやすさ,脆弱性のつけ込みやすさ\n顧客リスト,3,3,3,3,2\n見積書,2,2,1,2,2\n"));
        Assert.Equal([6, 2], result.Entries.Select(e => e.Asset.RiskValue!.Value.Value));
        Assert.Equal([2, 1], result.Entries.Select(e => e.Asset.Likelihood!.Value.Value));
    }

    [Fact]
    public void Without_any_likelihood_the_risk_value_stays_open()
    {
        var entry = Assert.Single(RegisterParser.Parse(Files.Csv("r.csv", $"{Header}\n社員名簿,3,3,2\n")).Entries);
        Assert.Null(entry.Asset.RiskValue);
        Assert.Equal(3, entry.Asset.Importance.Value);
    }

    [Fact]
    public void A_personal_information_mark_raises_importance_to_three()
    {
        var result = RegisterParser.Parse(Files.Csv("r.csv", $"{Header},個人情報,要配慮個人情報,特定個人情報\n問い合わせ記録,1,1,1,○,,\n給与台帳,1,2,1,,,あり\nカタログ,1,1,1,,,\n"));
        Assert.Equal([3, 3, 1], result.Entries.Select(e => e.Asset.Importance.Value));
    }

    [Fact]
    public void Dates_are_read_in_Japanese_and_ISO_forms_and_as_Excel_serials()
    {
        var csv = RegisterParser.Parse(Files.Csv("r.csv", $"{Header},登録日\nA,1,1,1,2025/04/01\nB,1,1,1,2025年4月2日\nC,1,1,1,2025-04-03\n"));
        Assert.Equal([new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 2), new DateOnly(2025, 4, 3)], csv.Entries.Select(e => e.RegisteredOn!.Value));

        var xlsx = RegisterParser.Parse(XlsxWriter.Write(Files.PathOf("r.xlsx"), [["情報資産名称", "機密性", "完全性", "可用性", "登録日"], ["A", "1", "1", "1", "45748"]]));
        Assert.Equal(new DateOnly(2025, 4, 1), xlsx.Entries[0].RegisteredOn);
    }

    [Fact]
    public void Full_width_digits_and_spaced_headers_are_understood()
    {
        var entry = Assert.Single(RegisterParser.Parse(Files.Csv("r.csv", " 情報資産名称 ,機密性,完全性,可用性\n社員名簿,３,３,２\n")).Entries);
        Assert.Equal(3, entry.Asset.Confidentiality.Value);
    }

    [Fact]
    public void Blank_rows_are_skipped_but_row_numbers_stay_as_in_Excel()
    {
        var result = RegisterParser.Parse(Files.Csv("r.csv", $"{Header}\nA,1,1,1\n,,,\nB,2,2,2\n"));
        Assert.Equal([2, 4], result.Entries.Select(e => e.RowNumber));
    }

    [Fact]
    public void A_computed_column_may_hold_a_formula_whose_value_is_right()
    {
        var path = XlsxWriter.Write(Files.PathOf("r.xlsx"), [["情報資産名称", "機密性", "完全性", "可用性", "重要度"], ["社員名簿", "3", "3", "2", "=MAX(B2:D2)|3"]]);
        Assert.True(RegisterParser.Parse(path).IsValid);
    }
}

public class Rejecting_a_bad_register : RegisterParserTest
{
    private const string Header = "情報資産名称,機密性,完全性,可用性";

    private ImportProblem SingleProblem(string csv)
    {
        var result = RegisterParser.Parse(Files.Csv("r.csv", csv));
        Assert.Empty(result.Entries);
        return Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("4", "入力値「4」")]
    [InlineData("0", "入力値「0」")]
    [InlineData("高", "入力値「高」")]
    [InlineData("2.5", "入力値「2.5」")]
    public void A_rating_outside_one_to_three_names_row_and_column(string rating, string detail)
    {
        var problem = SingleProblem($"{Header}\n社員名簿,3,3,2\n顧客リスト,{rating},3,3\n");
        Assert.Equal((3, "機密性"), (problem.Row, problem.Column));
        Assert.Contains(detail, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("3 行目「機密性」", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_rating_is_refused() =>
        Assert.Equal((2, "可用性"), SingleProblem($"{Header}\n社員名簿,3,3,\n") is var p ? (p.Row, p.Column) : default);

    [Fact]
    public void An_empty_name_is_refused()
    {
        var problem = SingleProblem($"業務分類,{Header}\n人事,,3,3,2\n");
        Assert.Equal((2, "情報資産名称"), (problem.Row, problem.Column));
    }

    [Fact]
    public void An_unknown_column_is_refused_by_name_and_letter()
    {
        var problem = SingleProblem($"{Header},担当者メモ\n社員名簿,3,3,2,x\n");
        Assert.Equal("担当者メモ", problem.Column);
        Assert.Contains("E 列", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_column_is_named()
    {
        var problem = SingleProblem("情報資産名称,機密性,完全性\n社員名簿,3,3\n");
        Assert.Contains("可用性", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_header_row_is_refused() =>
        Assert.Contains("見出し行", SingleProblem("a,b,c\n1,2,3\n").Message, StringComparison.Ordinal);

    [Fact]
    public void A_duplicate_asset_names_the_first_row()
    {
        var problem = SingleProblem($"業務分類,{Header}\n営業,顧客リスト,3,3,3\n人事,顧客リスト,3,3,3\n営業,顧客リスト,1,1,1\n");
        Assert.Equal(4, problem.Row);
        Assert.Contains("2 行目と重複", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_in_a_column_without_header_is_not_dropped_silently()
    {
        var problem = SingleProblem($"{Header},\n社員名簿,3,3,2,メモ\n");
        Assert.Contains("E 列", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_importance_that_disagrees_with_the_rule_is_refused()
    {
        var problem = SingleProblem($"{Header},重要度\n社員名簿,3,3,2,2\n");
        Assert.Equal("重要度", problem.Column);
        Assert.Contains("計算値 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_risk_value_that_disagrees_is_refused()
    {
        var problem = SingleProblem($"{Header},被害発生可能性,リスクレベル\n社員名簿,3,3,2,3,6\n");
        Assert.Equal("リスクレベル", problem.Column);
    }

    [Fact]
    public void Only_one_of_threat_and_vulnerability_is_refused() =>
        Assert.Equal("脅威", SingleProblem($"{Header},脅威,脆弱性\n社員名簿,3,3,2,,2\n").Column);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = RegisterParser.Parse(Files.Csv("r.csv", $"{Header}\nA,4,1,1\nB,1,5,1\nC,1,1,1\n,1,1,1\n"));
        Assert.Empty(result.Entries);
        Assert.Equal([(2, "機密性"), (3, "完全性"), (5, "情報資産名称")], result.Problems.Select(p => (p.Row!.Value, p.Column!)));
    }

    [Fact]
    public void A_formula_where_a_value_is_expected_is_refused()
    {
        var path = XlsxWriter.Write(Files.PathOf("r.xlsx"), [["情報資産名称", "機密性", "完全性", "可用性"], ["社員名簿", "=1+2|3", "3", "2"]]);
        var problem = Assert.Single(RegisterParser.Parse(path).Problems);
        Assert.Equal((2, "機密性"), (problem.Row, problem.Column));
    }

    [Fact]
    public void An_unreadable_flag_is_refused() =>
        Assert.Equal("個人情報", SingleProblem($"{Header},個人情報\n社員名簿,3,3,2,たぶん\n").Column);

    [Fact]
    public void An_impossible_date_is_refused() =>
        Assert.Equal("登録日", SingleProblem($"{Header},登録日\n社員名簿,3,3,2,2025/02/30\n").Column);

    [Fact]
    public void A_register_with_only_a_header_is_refused() =>
        Assert.Contains("資産の行がありません", SingleProblem($"{Header}\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Garbage_named_xlsx_is_refused_as_unreadable()
    {
        var path = Files.Bytes("r.xlsx", Encoding.ASCII.GetBytes("this is not a workbook"));
        Assert.Throws<UnreadableFileException>(() => RegisterParser.Parse(path));
    }

    [Fact]
    public void Bytes_that_are_neither_UTF8_nor_Shift_JIS_are_refused()
    {
        var path = Files.Bytes("r.csv", [.. Encoding.ASCII.GetBytes("情報資産名称,機密性\n"), 0x82, 0xFF, 0xFF, 0x0A]);
        var error = Assert.Throws<UnreadableFileException>(() => RegisterParser.Parse(path));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_file_type_is_refused() =>
        Assert.Throws<UnreadableFileException>(() => RegisterParser.Parse(Files.Csv("r.ods", "x")));
}
