using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Tests.Documents.Xlsx;

/// <summary>Assets named 資産000001… with varied ratings, some assessed, some holding personal information.</summary>
public abstract class GeneratedRegisterTest : RegisterWorkbookTest
{
    protected static async IAsyncEnumerable<InformationAsset> Generated(int count, int? failAfter = null)
    {
        var organization = Guid.NewGuid();
        for (var i = 1; i <= count; i++)
        {
            if (i == failAfter)
            {
                throw new InvalidOperationException($"The database went away at asset {i}.");
            }

            var asset = new InformationAsset(organization, $"資産{i:D6}", Rating.From((i % 3) + 1), Rating.From(((i / 3) % 3) + 1), Rating.Low)
            {
                BusinessCategory = $"業務{i % 7}",
                RegisteredOn = new DateOnly(2025, 4, 1),
            };
            if (i % 4 != 0)
            {
                asset.AssessLikelihood(Rating.From((i % 3) + 1), Rating.From(((i / 7) % 3) + 1));
            }

            if (i % 5 == 0)
            {
                asset.PersonalInformation = PersonalInformationKinds.Personal;
            }

            if (i % 100 == 0)
            {
                await Task.Yield();
            }

            yield return asset;
        }
    }
}

/// <summary>The risk analysis is written on a second thread, in batches, while the register is written.</summary>
public class The_risk_analysis_written_beside_the_register : GeneratedRegisterTest
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(1300)]
    public async Task Has_one_row_per_register_row_with_the_same_asset(int count)
    {
        var path = Files.PathOf($"generated-{count}.xlsx");
        await using (var file = File.Create(path))
        {
            await RegisterWorkbook.WriteAsync(file, Generated(count), RiskBandScheme.Ipa, Language.Japanese);
        }

        using var document = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        var register = Sheet(document, RegisterSheet).Descendants<Row>().ToList();
        var analysis = Sheet(document, RiskSheet).Descendants<Row>().ToList();
        Assert.Equal(count + 1, register.Count);
        Assert.Equal(count + 1, analysis.Count);
        for (var row = 1; row < register.Count; row++)
        {
            var number = row + 1;
            Assert.Equal((uint)number, analysis[row].RowIndex!.Value);
            var registerCells = register[row].Elements<Cell>().ToDictionary(c => c.CellReference!.Value!);
            var analysisCells = analysis[row].Elements<Cell>().ToDictionary(c => c.CellReference!.Value!);
            Assert.Equal($"資産{row:D6}", Text(registerCells[$"B{number}"]));
            Assert.Equal(
                (Text(registerCells[$"A{number}"]), Text(registerCells[$"B{number}"]), Text(registerCells[$"N{number}"]), Text(registerCells[$"T{number}"])),
                (Text(analysisCells[$"A{number}"]), Text(analysisCells[$"B{number}"]), Text(analysisCells[$"C{number}"]), Text(analysisCells[$"E{number}"])));
        }
    }

    [Fact]
    public async Task Passes_on_the_error_of_the_asset_source()
    {
        await using var file = File.Create(Files.PathOf("failed.xlsx"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RegisterWorkbook.WriteAsync(file, Generated(3000, failAfter: 1500), RiskBandScheme.Ipa, Language.Japanese));
        Assert.Equal("The database went away at asset 1500.", error.Message);
    }

    [Fact]
    public async Task Stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        async IAsyncEnumerable<InformationAsset> CancelledMidway()
        {
            var count = 0;
            await foreach (var asset in Generated(3000))
            {
                if (++count == 1500)
                {
                    await cancellation.CancelAsync();
                }

                yield return asset;
            }
        }

        await using var file = File.Create(Files.PathOf("cancelled.xlsx"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => RegisterWorkbook.WriteAsync(file, CancelledMidway(), RiskBandScheme.Ipa, Language.Japanese, cancellation.Token));
    }
}

/// <summary>The zip Mamori writes the workbook into, read back entry by entry.</summary>
public class Text_with_markup_characters : RegisterWorkbookTest
{
    [Theory]
    [InlineData("a<b>&c \"d\" 'e'", "a<b>&c \"d\" 'e'")]
    [InlineData("]]> <!-- x -->", "]]> <!-- x -->")]
    [InlineData("&amp; &#x41;", "&amp; &#x41;")]
    [InlineData(" 前後に空白 ", " 前後に空白 ")]
    [InlineData("1行目\r\n2行目\r3行目", "1行目\n2行目\n3行目")]
    public async Task Is_read_back_as_typed_with_line_breaks_as_line_feeds(string typed, string readBack) => await AssertReadBack(typed, readBack);

    [Fact]
    public async Task Has_characters_XML_cannot_hold_replaced()
    {
        // Built here: an attribute's string cannot carry a lone surrogate.
        var typed = "\uFFFE\uFFFF😀" + (char)0xDC00 + "x" + (char)0xD800;
        await AssertReadBack(typed, "\uFFFD\uFFFD😀\uFFFDx\uFFFD");
    }

    private async Task AssertReadBack(string typed, string readBack)
    {
        var asset = new InformationAsset(Guid.NewGuid(), "名称", Rating.Low, Rating.Low, Rating.Low) { Notes = typed, BusinessCategory = typed };
        var path = await WriteAsync([asset]);
        using (var document = SpreadsheetDocument.Open(path, false))
        {
            Assert.Equal(readBack, Text(Cell(Sheet(document, RegisterSheet), "C2")));
            Assert.Equal(readBack, Text(Cell(Sheet(document, RiskSheet), "A2")));
        }

        // The importer trims what it reads.
        Assert.Equal(readBack.Trim(), RegisterParser.Parse(path).Entries.Single().Asset.Notes);
    }
}
