using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mamori.Cli.Tests;

/// <summary>`mamori selfcheck score` reads answer files through the same guard as register imports.</summary>
public class The_selfcheck_command_given_a_hostile_file
{
    [Fact]
    public async Task Refuses_a_workbook_with_macros()
    {
        using var cli = new CliRunner();
        var path = Workbook(cli.PathOf("answers.xlsx"), formulaInAnswer: false);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.CreateEntry("xl/vbaProject.bin");
        }

        var result = await cli.RunAsync("selfcheck", "score", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("マクロ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_row_of_a_formula_where_an_answer_is_expected()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("selfcheck", "score", Workbook(cli.PathOf("answers.xlsx"), formulaInAnswer: true));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2 行目: 数式ではなく値を入力してください", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_binary_text_and_an_oversized_json_file_before_reading_them()
    {
        using var cli = new CliRunner();
        var binary = cli.PathOf("answers.csv");
        await File.WriteAllBytesAsync(binary, [0x00, 0x01, 0x02, 0xFF]);
        var huge = cli.PathOf("answers.json");
        await using (var file = File.Create(huge))
        {
            file.SetLength(101L * 1024 * 1024);
        }

        var fromBinary = await cli.RunAsync("selfcheck", "score", binary);
        var fromHuge = await cli.RunAsync("selfcheck", "score", huge);

        Assert.Equal((1, 1), (fromBinary.ExitCode, fromHuge.ExitCode));
        Assert.Contains("バイナリ", fromBinary.Error, StringComparison.Ordinal);
        Assert.Contains("大きすぎます", fromHuge.Error, StringComparison.Ordinal);
    }

    private static string Workbook(string path, bool formulaInAnswer)
    {
        using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData(new Row(Text("A1", "番号"), Text("B1", "回答")) { RowIndex = 1 });
            for (uint n = 1; n <= 25; n++)
            {
                var answer = formulaInAnswer && n == 1
                    ? new Cell { CellReference = $"B{n + 1}", CellFormula = new CellFormula("\"done\""), CellValue = new CellValue("done"), DataType = CellValues.String }
                    : Text($"B{n + 1}", "done");
                data.Append(new Row(new Cell { CellReference = $"A{n + 1}", CellValue = new CellValue((int)n), DataType = CellValues.Number }, answer) { RowIndex = n + 1 });
            }

            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "回答" }));
        }

        return path;
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) };
}
