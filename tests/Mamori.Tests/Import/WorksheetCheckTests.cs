using System.Globalization;
using System.IO.Compression;
using Mamori.Data;
using Mamori.Features.Assets;
using Mamori.Import;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Import;

/// <summary>Registers with a second worksheet, built as real files.</summary>
public static class WorksheetFiles
{
    public const string Dtd = "DTD（実体宣言）";
    public const string ZipBomb = "圧縮爆弾";

    /// <summary>A worksheet that is never imported, declaring entities.</summary>
    public const string DtdSheet =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>" +
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";

    /// <summary>A register workbook of <paramref name="rows"/> valid rows and a header.</summary>
    public static byte[] Register(int rows)
    {
        using var files = new TempFiles();
        var sheet = SeedRegister.Sheet(Enumerable.Range(0, rows)
            .Select(i => new[] { "総務", $"資産{i:D5}", "", "", "", "総務部", "", "1", "2", "1", "2", "", "" }));
        return File.ReadAllBytes(XlsxWriter.Write(files.PathOf("register.xlsx"), sheet, sheetName: XlsxSheetReader.PreferredSheetName));
    }

    public static byte[] WithSheet(byte[] xlsx, string name, string xml) => HostileFiles.Changed(xlsx, zip => HostileFiles.Write(zip, name, xml));

    /// <summary>A worksheet of about <paramref name="bytes"/> once inflated, mostly spaces, so it compresses to little.</summary>
    public static string LargeSheet(int bytes) =>
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/>" + new string(' ', bytes) + "</worksheet>";

    /// <summary>The rows read before the reading ended, and its refusal if it was refused.</summary>
    public static (int Rows, UnreadableFileException? Refusal) Read(Func<IEnumerable<SheetRow>> read)
    {
        var count = 0;
        try
        {
            foreach (var _ in read())
            {
                count++;
            }

            return (count, null);
        }
        catch (UnreadableFileException e)
        {
            return (count, e);
        }
    }

    /// <summary>The register read as an import reads it, the whole file allowed to inflate to <paramref name="budget"/> bytes.</summary>
    public static (int Rows, UnreadableFileException? Refusal) ReadWithBudget(byte[] xlsx, long budget) =>
        Read(() => SheetReader.Read(new MemoryStream(xlsx), "register.xlsx", ImportLimits.Default with { MaxExpandedBytes = budget }));

    public static long InflatedSize(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.Sum(e => e.Length);
    }
}

public sealed class A_worksheet_that_is_not_imported : IDisposable
{
    private const int Rows = 500;
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;
    private readonly TempFiles _files = new();

    public A_worksheet_that_is_not_imported() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    [Fact]
    public void Is_refused_for_its_DTD_before_the_first_row()
    {
        var path = _files.Bytes("register.xlsx", WorksheetFiles.WithSheet(WorksheetFiles.Register(Rows), "xl/worksheets/sheet9.xml", WorksheetFiles.DtdSheet));
        using var file = File.OpenRead(path);

        var (rows, refusal) = WorksheetFiles.Read(() => SheetReader.Read(file, path));

        Assert.Equal(0, rows);
        Assert.Contains(WorksheetFiles.Dtd, refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_refused_before_the_first_row_when_it_inflates_past_the_expansion_budget()
    {
        var register = WorksheetFiles.Register(Rows);
        var xlsx = WorksheetFiles.WithSheet(register, "xl/worksheets/sheet9.xml", WorksheetFiles.LargeSheet(4 << 20));
        var budget = WorksheetFiles.InflatedSize(register) + (2 << 20);

        var (refusedRows, refusal) = WorksheetFiles.ReadWithBudget(xlsx, budget);
        var (rows, accepted) = WorksheetFiles.ReadWithBudget(register, budget);

        Assert.Equal(0, refusedRows);
        Assert.Contains(WorksheetFiles.ZipBomb, refusal?.Message, StringComparison.Ordinal);
        Assert.Null(accepted);
        Assert.Equal(Rows + 1, rows);
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        _files.Dispose();
    }
}

public sealed class The_imported_worksheet : IDisposable
{
    private const int Rows = 500;
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public The_imported_worksheet() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    [Fact]
    public void Is_refused_when_it_alone_inflates_past_the_expansion_budget()
    {
        var xlsx = WorksheetFiles.Register(Rows);
        var size = WorksheetFiles.InflatedSize(xlsx);

        var (_, refused) = WorksheetFiles.ReadWithBudget(xlsx, size - 1);
        var (rows, accepted) = WorksheetFiles.ReadWithBudget(xlsx, size);

        Assert.Contains(WorksheetFiles.ZipBomb, refused?.Message, StringComparison.Ordinal);
        Assert.Null(accepted);
        Assert.Equal(Rows + 1, rows);
    }

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}

/// <summary>An import longer than a batch, refused for a worksheet it does not import.</summary>
public sealed class Importing_a_register_with_a_hostile_worksheet_that_is_not_imported : PersistenceTest
{
    private const int Rows = ImportAssets.BatchSize + 500;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_nothing_keeps_no_file_and_reports_the_DTD(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "dtd-co");
        var xlsx = WorksheetFiles.WithSheet(WorksheetFiles.Register(Rows), "xl/worksheets/sheet9.xml", WorksheetFiles.DtdSheet);

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Bytes("register.xlsx", xlsx), Time);

        Assert.Equal(0, result.Imported);
        Assert.Contains(WorksheetFiles.Dtd, Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        await using var db = test.Database.Open(org.Id);
        Assert.Equal(0, await db.Assets.CountAsync());
        Assert.Equal(0, await db.RegisterImports.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_every_row_when_the_other_worksheet_is_clean(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "clean-co");
        var xlsx = WorksheetFiles.WithSheet(WorksheetFiles.Register(Rows), "xl/worksheets/sheet9.xml", WorksheetFiles.LargeSheet(1 << 20));

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Bytes("register.xlsx", xlsx), Time);

        Assert.True(result.Succeeded, string.Join(", ", result.Problems));
        await using var db = test.Database.Open(org.Id);
        Assert.Equal(Rows, await db.Assets.CountAsync());
    }
}
