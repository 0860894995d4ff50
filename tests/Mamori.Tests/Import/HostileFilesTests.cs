using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Assets;
using Mamori.Features.Organizations;
using Mamori.Import;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Import;

/// <summary>Hostile and broken files as real register uploads would bring them, built from a valid register.</summary>
public static class HostileFiles
{
    public static readonly string ValidSheetPath = "xl/worksheets/sheet1.xml";

    /// <summary>A valid register workbook (the seed's rows) as bytes.</summary>
    public static byte[] ValidXlsx()
    {
        using var files = new TempFiles();
        var path = XlsxWriter.Write(files.PathOf("valid.xlsx"), SeedRegister.Sheet(), sheetName: "情報資産管理台帳");
        return File.ReadAllBytes(path);
    }

    public static byte[] ValidCsv() => new UTF8Encoding(false).GetBytes(SeedRegister.Csv());

    /// <summary>The bytes of <paramref name="xlsx"/> with its zip changed by <paramref name="change"/>.</summary>
    public static byte[] Changed(byte[] xlsx, Action<ZipArchive> change)
    {
        using var memory = new MemoryStream();
        memory.Write(xlsx);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(zip);
        }

        return memory.ToArray();
    }

    public static string SheetPartName(ZipArchive zip) => zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).FullName;

    public static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    public static void Write(ZipArchive zip, string name, string text)
    {
        zip.GetEntry(name)?.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    public static void ReplaceInSheet(ZipArchive zip, Func<string, string> change)
    {
        var name = SheetPartName(zip);
        Write(zip, name, change(Read(zip, name)));
    }
}

public sealed class A_hostile_register_file : IAsyncLifetime, IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;
    private readonly TempFiles _files = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));
    private TestDatabase _database = null!;
    private Organization _organization = null!;

    public A_hostile_register_file() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    public static TheoryData<string> Cases() => new(Hostile.Keys);

    /// <summary>Each hostile file by name, with the words its refusal must contain.</summary>
    private static readonly Dictionary<string, (string FileName, Func<byte[]> Bytes, string Expected)> Hostile = new()
    {
        ["zip bomb"] = ("bomb.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip =>
        {
            using var bomb = zip.CreateEntry("xl/media/image1.png", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 520; i++)
            {
                bomb.Write(zeros);
            }
        }), "圧縮爆弾"),
        // The zip reader stops at the size a part declares, so an understated part arrives cut short and is refused as damaged.
        ["part that understates its size"] = ("liar.xlsx", () =>
        {
            var bytes = HostileFiles.ValidXlsx();
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return Understated(bytes, HostileFiles.SheetPartName(zip));
        }, "壊れています"),
        ["too many parts"] = ("parts.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip =>
        {
            for (var i = 0; i < 1_001; i++)
            {
                zip.CreateEntry($"customXml/item{i}.bin");
            }
        }), "部品が多すぎます"),
        ["macros"] = ("macro.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip =>
        {
            using var vba = zip.CreateEntry("xl/vbaProject.bin").Open();
            vba.Write(new byte[512]);
        }), "マクロ"),
        ["macro-enabled content type"] = ("macro-type.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip =>
            HostileFiles.Write(zip, "[Content_Types].xml", HostileFiles.Read(zip, "[Content_Types].xml").Replace(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal))), "マクロ"),
        ["external link part"] = ("external.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip =>
            HostileFiles.Write(zip, "xl/externalLinks/externalLink1.xml",
                "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><externalBook/></externalLink>")), "外部"),
        ["external relationship"] = ("external-rel.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip =>
        {
            var name = zip.Entries.First(e => e.FullName.EndsWith("workbook.xml.rels", StringComparison.Ordinal)).FullName;
            HostileFiles.Write(zip, "xl/_rels/workbook.xml.rels", HostileFiles.Read(zip, name).Replace(
                "</Relationships>",
                "<Relationship Id=\"rIdX\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath\" Target=\"file:///C:/secret.xlsx\" TargetMode=\"External\"/></Relationships>",
                StringComparison.Ordinal));
            if (name != "xl/_rels/workbook.xml.rels")
            {
                zip.GetEntry(name)!.Delete();
            }
        }), "外部"),
        ["entity expansion"] = ("laughs.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip => HostileFiles.ReplaceInSheet(zip, xml =>
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
            "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>" +
            xml[xml.IndexOf("<x:worksheet", StringComparison.Ordinal)..].Replace("社員名簿", "&lol4;", StringComparison.Ordinal))), "DTD"),
        ["external entity"] = ("xxe.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip => HostileFiles.ReplaceInSheet(zip, xml =>
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
            xml[xml.IndexOf("<x:worksheet", StringComparison.Ordinal)..].Replace("社員名簿", "&xxe;", StringComparison.Ordinal))), "DTD"),
        // Worksheets are not parsed by the guard (the imported one is checked as it is read): a DTD in another one is still found.
        ["entity expansion in a sheet that is not imported"] = ("laughs2.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip => HostileFiles.Write(zip, "xl/worksheets/sheet9.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>" +
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>")), "DTD"),
        ["row beyond Excel's last"] = ("rows.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip => HostileFiles.ReplaceInSheet(zip, xml =>
            xml.Replace("</x:sheetData>", "<x:row r=\"1048577\"><x:c r=\"A1048577\"><x:v>1</x:v></x:c></x:row></x:sheetData>", StringComparison.Ordinal))), "行が多すぎます"),
        ["column beyond Excel's last"] = ("columns.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip => HostileFiles.ReplaceInSheet(zip, xml =>
            xml.Replace("</x:sheetData>", "<x:row r=\"9\"><x:c r=\"ZZZZZZZ9\"><x:v>1</x:v></x:c></x:row></x:sheetData>", StringComparison.Ordinal))), "列が多すぎます"),
        ["cell longer than Excel allows"] = ("cell.xlsx", () => HostileFiles.Changed(HostileFiles.ValidXlsx(), zip => HostileFiles.ReplaceInSheet(zip, xml =>
            xml.Replace("社員名簿", new string('長', 40_000), StringComparison.Ordinal))), "長すぎます"),
        ["formula where a value is expected"] = ("formula.xlsx", () => FormulaWorkbook(), "数式ではなく値"),
        ["binary garbage renamed .xlsx"] = ("garbage.xlsx", () => Garbage(4096, 1), ".xlsx の形式ではありません"),
        ["garbage behind a zip signature"] = ("pk-garbage.xlsx", () => (byte[])[(byte)'P', (byte)'K', 3, 4, .. Garbage(4096, 2)], "Excel (.xlsx) ファイルとして読み込めませんでした"),
        ["a zip that is not a workbook"] = ("plain.xlsx", () => PlainZip(), "Excel (.xlsx) ファイルとして読み込めませんでした"),
        ["UTF-16 CSV"] = ("utf16.csv", () => (byte[])[0xFF, 0xFE, .. Encoding.Unicode.GetBytes(SeedRegister.Csv())], "UTF-16"),
        ["binary garbage renamed .csv"] = ("garbage.csv", () => Garbage(4096, 3), "バイナリ"),
        ["CSV in neither UTF-8 nor Shift_JIS"] = ("latin.csv", () => (byte[])[.. new UTF8Encoding(false).GetBytes(SeedRegister.Csv()), 0x81, 0x7F, 0xFF, 0x0A], "文字コード"),
        ["CSV cell longer than Excel allows"] = ("long.csv", () => Encoding.UTF8.GetBytes(SeedRegister.Csv([["人事", new string('長', 40_000), "", "", "", "", "", "3", "3", "2", "", "", ""]])), "長すぎます"),
        ["CSV with too many columns"] = ("wide.csv", () => Encoding.UTF8.GetBytes(SeedRegister.Csv() + string.Join(',', Enumerable.Repeat("x", 16_385)) + "\n"), "長すぎます"),
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _organization = (await CreateOrganization.HandleAsync(_database.Database, new("acme", "株式会社acme"), _time)).Created!;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_with_a_clear_message_and_nothing_is_stored(string name)
    {
        var (fileName, bytes, expected) = Hostile[name];
        var path = _files.Bytes(fileName, bytes());

        var result = await ImportAssets.HandleAsync(_database.Database, _organization.Id, path, _time);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.ToString().Contains(expected, StringComparison.Ordinal));
        Assert.Equal(0, await AssetCountAsync());
    }

    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_file_stores_nothing_on_either_database_even_when_only_its_last_row_is_bad(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var organization = (await CreateOrganization.HandleAsync(database.Database, new("beta", "株式会社beta"), _time)).Created!;
        var rows = SeedRegister.Rows.Append(["総務", "来客名簿", "", "", "", "", "", "3", "3", "9", "", "", ""]);
        var files = new[]
        {
            _files.Bytes("last-row.csv", Encoding.UTF8.GetBytes(SeedRegister.Csv(rows))),
            _files.Bytes(Hostile["macros"].FileName, Hostile["macros"].Bytes()),
            _files.Bytes(Hostile["row beyond Excel's last"].FileName, Hostile["row beyond Excel's last"].Bytes()),
        };

        foreach (var path in files)
        {
            var result = await ImportAssets.HandleAsync(database.Database, organization.Id, path, _time);

            Assert.False(result.Succeeded, path);
            await using var db = database.Database.Open(organization.Id);
            Assert.Equal(0, await db.Assets.CountAsync());
        }
    }

    [Fact]
    public async Task A_CSV_of_a_gigabyte_is_refused_by_its_size_before_it_is_read()
    {
        var path = _files.PathOf("huge.csv");
        await using (var file = File.Create(path))
        {
            await file.WriteAsync(new UTF8Encoding(false).GetBytes(SeedRegister.Csv()));
            file.SetLength(1024L * 1024 * 1024);
        }

        var result = await ImportAssets.HandleAsync(_database.Database, _organization.Id, path, _time);

        Assert.Contains("1,024 MB、上限 100 MB", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(0, await AssetCountAsync());
    }

    [Fact]
    public async Task Is_refused_in_English_when_the_user_reads_English()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var (fileName, bytes, _) = Hostile["macros"];
        var path = _files.Bytes(fileName, bytes());

        var result = await ImportAssets.HandleAsync(_database.Database, _organization.Id, path, _time);

        Assert.Equal("Workbooks with macros (VBA) are not read. Save the workbook as a macro-free .xlsx.", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task The_valid_register_the_hostile_ones_are_made_from_imports()
    {
        var path = _files.Bytes("valid.xlsx", HostileFiles.ValidXlsx());

        var result = await ImportAssets.HandleAsync(_database.Database, _organization.Id, path, _time);

        Assert.True(result.Succeeded, string.Join(", ", result.Problems));
        Assert.Equal(3, await AssetCountAsync());
    }

    private async Task<int> AssetCountAsync()
    {
        await using var db = _database.Database.Open(_organization.Id);
        return await db.Assets.CountAsync();
    }

    /// <summary>Rewrites the central directory's and local header's uncompressed size of <paramref name="entry"/> to 100 bytes.</summary>
    private static byte[] Understated(byte[] zip, string entry)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2 && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), 100u);
            }

            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4 && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), 100u);
            }
        }

        return zip;
    }

    private static byte[] FormulaWorkbook()
    {
        using var files = new TempFiles();
        var rows = SeedRegister.Rows.Select(r => r.ToArray()).ToList();
        rows[0][7] = "=1+2|3";
        return File.ReadAllBytes(XlsxWriter.Write(files.PathOf("f.xlsx"), SeedRegister.Sheet(rows), sheetName: "情報資産管理台帳"));
    }

    private static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x00;
        return bytes;
    }

    private static byte[] PlainZip()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        return memory.ToArray();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        _files.Dispose();
    }
}
