using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mamori.Import;

namespace Mamori.Tests.Import;

/// <summary>
/// The worksheet scanner against XmlReader's path, which it must equal exactly: the same rows, cell for cell,
/// and where XmlReader refuses a sheet, the same rows before the same error.
/// </summary>
public sealed class The_sheet_scanner
{
    private const int Seed = 20261124;

    [Fact]
    public void Reads_generated_worksheets_exactly_as_XmlReader_does_without_giving_up()
    {
        for (var copy = 0; copy < 400; copy++)
        {
            var maker = new SheetMaker(new Random(Seed + copy));
            var sheet = maker.Make();
            var where = $"worksheet {copy} (seed {Seed + copy})";

            var scanned = Scan(sheet, maker.Shared, ImportLimits.Default);
            Assert.False(scanned.GaveUp, $"{where}: the scanner gave up on a sheet it should read, at {Around(sheet, scanned.GaveUpAt)}");
            var xlsx = SheetFiles.Workbook(sheet, maker.SharedStrings());
            var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, ImportLimits.Default);
            Assert.Null(expected.Error);
            SheetFiles.AssertSame(expected, SheetFiles.Outcome(XlsxSheetReader.Read, xlsx, ImportLimits.Default), where);
            SheetFiles.AssertSame(expected, new SheetFiles.Result(scanned.Rows, null), where);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Reads_the_same_rows_when_every_token_is_cut_by_the_end_of_a_chunk(int chunkBytes)
    {
        for (var copy = 0; copy < 40; copy++)
        {
            var maker = new SheetMaker(new Random(Seed - copy));
            var sheet = maker.Make();
            var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, SheetFiles.Workbook(sheet, maker.SharedStrings()), ImportLimits.Default);

            var scanned = Scan(sheet, maker.Shared, ImportLimits.Default, chunkBytes);

            Assert.False(scanned.GaveUp, $"worksheet {copy}, chunks of {chunkBytes} bytes, at {Around(sheet, scanned.GaveUpAt)}");
            SheetFiles.AssertSame(expected, new SheetFiles.Result(scanned.Rows, null), $"worksheet {copy}, chunks of {chunkBytes} bytes");
        }
    }

    [Fact]
    public void Reads_a_sheet_of_several_megabytes_across_its_chunks_exactly()
    {
        var maker = new SheetMaker(new Random(Seed), rows: 20_000);
        var sheet = maker.Make();
        Assert.True(sheet.Length > 3 * 1024 * 1024, $"{sheet.Length} bytes");
        var xlsx = SheetFiles.Workbook(sheet, maker.SharedStrings());

        var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, ImportLimits.Default);

        Assert.False(Scan(sheet, maker.Shared, ImportLimits.Default).GaveUp);
        SheetFiles.AssertSame(expected, SheetFiles.Outcome(XlsxSheetReader.Read, xlsx, ImportLimits.Default), "large sheet");
    }

    /// <summary>
    /// Damaged copies of generated sheets (bytes cut, doubled, or markup, entities and bad bytes slipped in): whatever
    /// the scanner does with each, reading it or giving up, the reader's rows and error are XmlReader's.
    /// </summary>
    [Fact]
    public void Gives_the_rows_and_the_error_of_XmlReader_for_damaged_worksheets()
    {
        var gaveUp = 0;
        var refused = 0;
        const int copies = 1_500;
        for (var copy = 0; copy < copies; copy++)
        {
            var random = new Random(Seed + 100_000 + copy);
            var maker = new SheetMaker(random);
            var sheet = SheetFiles.Damage(maker.Make(), random);
            var xlsx = SheetFiles.Workbook(sheet, maker.SharedStrings());
            var limits = random.Next(4) == 0 ? new ImportLimits { MaxRows = random.Next(1, 40), MaxColumns = random.Next(1, 30) } : ImportLimits.Default;

            var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, limits);

            SheetFiles.AssertSame(expected, SheetFiles.Outcome(XlsxSheetReader.Read, xlsx, limits), $"damaged worksheet {copy} (seed {Seed + 100_000 + copy})");
            gaveUp += Scan(sheet, maker.Shared, limits).GaveUp ? 1 : 0;
            refused += expected.Error is null ? 0 : 1;
        }

        // Damage that never broke anything, or that the scanner never read past, would prove nothing; nor would
        // damage that always did: some damaged sheets are still well-formed, and the scanner reads them itself.
        var counts = $"{refused} refused, {gaveUp} given up by the scanner, of {copies}";
        Assert.True(refused >= copies / 4 && copies - refused >= copies / 20, counts);
        Assert.True(gaveUp >= copies / 4 && copies - gaveUp >= copies / 20, counts);
    }

    public static TheoryData<string> Fallbacks() => new(FallbackSheets.Keys);

    /// <summary>Sheets the scanner must not read itself, each with rows before the part it gives up on.</summary>
    private static readonly Dictionary<string, Func<byte[]>> FallbackSheets = new()
    {
        ["CDATA in a value"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v><![CDATA[a<b]]></v></c></row>"),
        ["comment inside sheetData"] = () => Sheet("<!-- note --><row r=\"3\"><c r=\"A3\"><v>5</v></c></row>"),
        ["comment inside a value"] = () => Sheet("<row r=\"3\"><c r=\"A3\"><v>1<!-- x -->2</v></c></row>"),
        ["processing instruction inside sheetData"] = () => Sheet("<?mamori test?><row r=\"3\"><c r=\"A3\"><v>5</v></c></row>"),
        ["DOCTYPE"] = () => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY e \"x\">]>" + Text(Plain("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>&e;</t></is></c></row>"))),
        ["UTF-16 little-endian with its mark"] = () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text(Plain("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>社員名簿</t></is></c></row>")))],
        ["UTF-16 big-endian with its mark"] = () => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Text(Plain("<row r=\"3\"><c r=\"A3\"><v>7</v></c></row>")))],
        ["UTF-16 declared, without a mark"] = () => Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + Text(Plain("<row r=\"3\"><c r=\"A3\"><v>7</v></c></row>"))),
        ["Latin-1 declared"] = () => [.. Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"), .. Encoding.Latin1.GetBytes(Text(Plain("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>caf\u00e9</t></is></c></row>")))],
        ["XML 1.1 declared"] = () => Encoding.UTF8.GetBytes("<?xml version=\"1.1\"?>" + Text(Plain("<row r=\"3\"><c r=\"A3\"><v>7</v></c></row>"))),
        ["mismatched end tag"] = () => Sheet("<row r=\"3\"><c r=\"A3\"><v>5</v></row></c>"),
        ["end tag of another prefix"] = () => Sheet("<row r=\"3\"><c r=\"A3\"><v>5</v></x:c></row>"),
        ["invalid UTF-8 in a value"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a\uE000b</v></c></row>", [0xC3, 0x28]),
        ["overlong UTF-8 in a value"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a\uE000b</v></c></row>", [0xC0, 0xBC]),
        ["invalid UTF-8 in an ignored attribute"] = () => Sheet("<row r=\"3\" spans=\"\uE000\"><c r=\"A3\"><v>5</v></c></row>", [0xFF]),
        ["control character XML forbids"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a\u0001b</v></c></row>"),
        ["U+FFFE in text"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a\uFFFEb</v></c></row>"),
        ["reference to a character XML forbids"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a&#0;b</v></c></row>"),
        ["reference to a lone surrogate"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>&#xD83D;</v></c></row>"),
        ["reference past Unicode"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>&#x110000;</v></c></row>"),
        ["unknown entity"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a&nbsp;b</v></c></row>"),
        ["ampersand alone"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a & b</v></c></row>"),
        ["]]> in text"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>a]]>b</v></c></row>"),
        ["< in an attribute value"] = () => Sheet("<row r=\"3\" spans=\"1<2\"><c r=\"A3\"><v>5</v></c></row>"),
        ["attribute without quotes"] = () => Sheet("<row r=3><c r=\"A3\"><v>5</v></c></row>"),
        ["attributes not separated"] = () => Sheet("<row r=\"3\"><c r=\"A3\"t=\"n\"><v>5</v></c></row>"),
        ["duplicate attribute"] = () => Sheet("<row r=\"3\" r=\"4\"><c r=\"A3\"><v>5</v></c></row>"),
        ["one attribute through two prefixes"] = () => Sheet("<row r=\"3\" xmlns:p=\"urn:a\" xmlns:q=\"urn:a\" p:k=\"1\" q:k=\"2\"><c r=\"A3\"><v>5</v></c></row>"),
        ["undeclared prefix"] = () => Sheet("<row r=\"3\"><c r=\"A3\"><y:v>5</y:v></c></row>"),
        ["prefix undeclared by an empty namespace"] = () => Sheet("<row r=\"3\" xmlns:p=\"\"><c r=\"A3\"><v>5</v></c></row>"),
        ["xml:space of another value"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"keep\">a</t></is></c></row>"),
        ["element inside a value"] = () => Sheet("<row r=\"3\"><c r=\"A3\"><v>1<b/>2</v></c></row>"),
        ["a second root element"] = () => [.. Sheet("<row r=\"3\"><c r=\"A3\"><v>5</v></c></row>"), .. "<x:worksheet/>"u8],
        ["text after the root element"] = () => [.. Sheet("<row r=\"3\"><c r=\"A3\"><v>5</v></c></row>"), .. "tail"u8],
        ["part cut short"] = () => Sheet("<row r=\"3\"><c r=\"A3\"><v>5</v></c></row>")[..^40],
        ["row number that is not a number"] = () => Sheet("<row r=\"3a\"><c r=\"A3\"><v>5</v></c></row>"),
        ["row number past Excel's last"] = () => Sheet("<row r=\"1048577\"><c r=\"A1048577\"><v>5</v></c></row>"),
        ["column past Excel's last"] = () => Sheet("<row r=\"3\"><c r=\"XFE3\"><v>5</v></c></row>"),
        ["column reference without letters"] = () => Sheet("<row r=\"3\"><c r=\"13\"><v>5</v></c></row>"),
        ["shared string index past the list"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c></row>"),
        ["shared string without a value"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"s\"/></row>"),
        ["column reference by a character reference"] = () => Sheet("<row r=\"3\"><c r=\"&#66;3\"><v>5</v></c><c r=\"A&#66;3\"><v>6</v></c></row>"),
        ["type by a character reference"] = () => Sheet("<row r=\"3\"><c r=\"A3\" t=\"&#115;\"><v>0</v></c></row>"),
        ["row number with a tab"] = () => Sheet("<row r=\"3\t\"><c r=\"A3\"><v>5</v></c></row>"),
    };

    [Theory]
    [MemberData(nameof(Fallbacks))]
    public void Gives_up_where_it_does_not_read_exactly_and_XmlReader_gives_todays_rows_or_error(string name)
    {
        var sheet = FallbackSheets[name]();
        var xlsx = SheetFiles.Workbook(sheet, SharedStrings);
        var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, ImportLimits.Default);

        var scanned = Scan(sheet, ["一", "二"], ImportLimits.Default);
        var actual = SheetFiles.Outcome(XlsxSheetReader.Read, xlsx, ImportLimits.Default);

        Assert.True(scanned.GaveUp, name);
        SheetFiles.AssertSame(expected, actual, name);
        if (expected.Error is null)
        {
            Assert.Equal(3, expected.Rows.Count);
        }
    }

    [Fact]
    public void Reads_a_row_outside_sheetData_as_XmlReader_does()
    {
        // XmlReader's path takes a row wherever it is not inside another row; so does the scanner.
        var sheet = Encoding.UTF8.GetBytes(Text(Plain("") + "<x:extLst><x:row r=\"9\"><x:c r=\"A9\"><x:v>1</x:v></x:c></x:row></x:extLst>"));
        var xlsx = SheetFiles.Workbook(sheet, SharedStrings);

        var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, ImportLimits.Default);

        Assert.False(Scan(sheet, ["一", "二"], ImportLimits.Default).GaveUp);
        Assert.Equal([1, 2, 9], expected.Rows.Select(r => r.RowNumber));
        SheetFiles.AssertSame(expected, SheetFiles.Outcome(XlsxSheetReader.Read, xlsx, ImportLimits.Default), "row outside sheetData");
    }

    [Fact]
    public void Hands_out_no_row_before_XmlReader_has_read_the_node_after_it()
    {
        // XmlReader refuses the duplicate attribute of row 2 before it yields row 1: so must the reader.
        var sheet = Encoding.UTF8.GetBytes(Text("<x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row><x:row r=\"2\" r=\"2\"/></x:sheetData>"));
        var xlsx = SheetFiles.Workbook(sheet, null);

        var expected = SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, ImportLimits.Default);
        var actual = SheetFiles.Outcome(XlsxSheetReader.Read, xlsx, ImportLimits.Default);

        Assert.Empty(expected.Rows);
        Assert.NotNull(expected.Error);
        SheetFiles.AssertSame(expected, actual, "duplicate attribute after a row");
    }

    [Fact]
    public void Reads_our_own_export_without_giving_up()
    {
        var xlsx = HostileFiles.ValidXlsx();
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var sheet = ReadAll(zip.GetEntry(HostileFiles.SheetPartName(zip))!.Open());

        var scanned = Scan(sheet, [], ImportLimits.Default);

        Assert.False(scanned.GaveUp);
        SheetFiles.AssertSame(SheetFiles.Outcome(XlsxSheetReader.ReadWithXmlReader, xlsx, ImportLimits.Default), new SheetFiles.Result(scanned.Rows, null), "export");
        Assert.Contains(scanned.Rows, r => r.Cells.Any(c => c.Text == "社員名簿"));
    }

    private static readonly string SharedStrings =
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>一</t></si><si><t>二</t></si></sst>";

    /// <summary>Two rows the scanner reads, then <paramref name="rows"/> in a second sheetData whose names take the default namespace.</summary>
    private static string Plain(string rows) =>
        "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c></x:row><x:row r=\"2\"><x:c r=\"B2\"><x:v>2</x:v></x:c></x:row></x:sheetData>" +
        $"<sheetData xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{rows}</sheetData>";

    private static string Text(string content) =>
        "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + content + "</x:worksheet>";

    /// <summary>The sheet as UTF-8, with U+E000 in <paramref name="rows"/> replaced by <paramref name="bad"/> bytes.</summary>
    private static byte[] Sheet(string rows, byte[]? bad = null)
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Text(Plain(rows)));
        if (bad is null)
        {
            return bytes;
        }

        var marker = bytes.AsSpan().IndexOf("\uE000"u8);
        return [.. bytes[..marker], .. bad, .. bytes[(marker + 3)..]];
    }

    private static string Around(byte[] sheet, long at) =>
        $"byte {at}: {Encoding.UTF8.GetString(sheet.AsSpan((int)Math.Max(0, at - 60), (int)Math.Min(120, sheet.Length - Math.Max(0, at - 60))))}";

    private static (List<SheetRow> Rows, bool GaveUp, long GaveUpAt) Scan(byte[] sheet, List<string> shared, ImportLimits limits, int chunkBytes = 1 << 20)
    {
        using var scanner = new SheetScanner(new MemoryStream(sheet), shared, limits, chunkBytes);
        var rows = new List<SheetRow>();
        while (scanner.Next() is { } row)
        {
            rows.Add(row);
        }

        return (rows, scanner.GaveUp, scanner.GaveUpAt);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        stream.Dispose();
        return memory.ToArray();
    }
}
