using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Tests.Documents.Xlsx;

public class LibreOffice_opening_the_workbook : RegisterWorkbookTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Computes_the_same_values_from_the_formulas()
    {
        var path = await WriteAsync(SeedAssets(), includeCachedValues: false);
        using (var document = SpreadsheetDocument.Open(path, false))
        {
            Assert.All(Sheet(document, RegisterSheet).Descendants<Cell>().Where(c => c.CellFormula is not null), c => Assert.Null(c.CellValue));
        }

        var csv = await ConvertToCsvAsync(path);

        var register = Rows(csv[RegisterSheet]);
        Assert.Equal(["9", "6", "6"], Column(register, "リスク値"));
        Assert.Equal(["3", "3", "3"], Column(register, "重要度"));
        Assert.Equal(["3", "2", "2"], Column(register, "被害発生可能性"));

        var analysis = Rows(csv[RiskSheet]);
        Assert.Equal(["社員名簿", "当社宛請求書", "顧客リスト"], Column(analysis, "情報資産名称"));
        Assert.Equal(["9", "6", "6"], Column(analysis, "リスク値"));
        Assert.Equal(["大", "大", "大"], Column(analysis, "判定"));
    }

    /// <summary>Every sheet as CSV (UTF-8), computed by LibreOffice, keyed by sheet name.</summary>
    private async Task<Dictionary<string, string>> ConvertToCsvAsync(string path)
    {
        var output = Files.PathOf("csv");
        // A profile of its own: two soffice processes must not share one.
        var profile = new Uri(Files.PathOf("profile")).AbsoluteUri;
        var start = new ProcessStartInfo("soffice")
        {
            ArgumentList =
            {
                "--headless", "--norestore", $"-env:UserInstallation={profile}",
                // 44 comma, 34 quote, 76 UTF-8, 1 from line 1; the last token -1 writes every sheet to its own file.
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir", output, path,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"soffice did not finish within {Timeout.TotalSeconds} s.");
            }
        }

        var files = Directory.Exists(output) ? Directory.GetFiles(output, "*.csv") : [];
        Assert.True(files.Length > 0, $"soffice wrote no CSV (exit {process.ExitCode}): {await stdout} {await stderr}");
        var stem = Path.GetFileNameWithoutExtension(path) + "-";
        return files.ToDictionary(f => Path.GetFileNameWithoutExtension(f)[stem.Length..], f => File.ReadAllText(f, Encoding.UTF8));
    }

    private static List<SheetRow> Rows(string csv) =>
        CsvSheetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CsvSheetReader.Utf8).ToList();

    private static string[] Column(List<SheetRow> rows, string header)
    {
        var index = rows[0].Cells.Select(c => c.Text).ToList().IndexOf(header);
        Assert.True(index >= 0, $"No column {header}.");
        return rows.Skip(1).Select(r => r[index].Text).ToArray();
    }
}

public class A_large_register : RegisterWorkbookTest
{
    private const int Count = 100_000;

    [Fact]
    public async Task Of_100000_assets_is_streamed_into_the_workbook()
    {
        var path = Files.PathOf("large.xlsx");
        await using (var file = File.Create(path))
        {
            await RegisterWorkbook.WriteAsync(file, Assets(), RiskBandScheme.Ipa, Language.Japanese);
        }

        using var stream = File.OpenRead(path);
        var rows = 0;
        SheetRow? last = null;
        foreach (var row in XlsxSheetReader.Read(stream))
        {
            rows++;
            last = row;
        }

        Assert.Equal(Count + 1, rows);
        Assert.Equal((Count + 1, $"資産{Count:D6}"), (last!.RowNumber, last[1].Text));
    }

    private static async IAsyncEnumerable<InformationAsset> Assets()
    {
        var organization = Guid.NewGuid();
        for (var i = 1; i <= Count; i++)
        {
            var asset = new InformationAsset(organization, $"資産{i:D6}", Rating.From((i % 3) + 1), Rating.Medium, Rating.Low)
            {
                BusinessCategory = "業務",
                Notes = "備考",
                RegisteredOn = new DateOnly(2025, 4, 1),
            };
            asset.AssessLikelihood(Rating.From((i % 3) + 1), Rating.High);
            if (i % 1000 == 0)
            {
                await Task.Yield();
            }

            yield return asset;
        }
    }
}
