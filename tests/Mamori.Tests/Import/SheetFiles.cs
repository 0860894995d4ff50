using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mamori.Import;

namespace Mamori.Tests.Import;

/// <summary>Workbooks around a given worksheet part, and the rows and error a reader gives for them.</summary>
public static class SheetFiles
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public sealed record Result(IReadOnlyList<SheetRow> Rows, Exception? Error);

    /// <summary>A minimal .xlsx whose only sheet is <paramref name="sheet"/>, with a shared string part when given.</summary>
    public static byte[] Workbook(byte[] sheet, string? sharedStrings)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
            Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Add(zip, "xl/workbook.xml", Encoding.UTF8.GetBytes(
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets><sheet name=\"台帳\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Add(zip, "xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                (sharedStrings is null ? "" : $"<Relationship Id=\"rId2\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"));
            Add(zip, "xl/worksheets/sheet1.xml", sheet);
            if (sharedStrings is not null)
            {
                Add(zip, "xl/sharedStrings.xml", Encoding.UTF8.GetBytes(sharedStrings));
            }
        }

        return memory.ToArray();
    }

    /// <summary>The rows <paramref name="read"/> gives until it ends or throws, and what it threw.</summary>
    public static Result Outcome(Func<Stream, ImportLimits, IEnumerable<SheetRow>> read, byte[] xlsx, ImportLimits limits)
    {
        var rows = new List<SheetRow>();
        try
        {
            foreach (var row in read(new MemoryStream(xlsx), limits))
            {
                rows.Add(row);
            }

            return new Result(rows, null);
        }
        catch (Exception e)
        {
            return new Result(rows, e);
        }
    }

    public static void AssertSame(Result expected, Result actual, string where)
    {
        // Each described once, and the message (as long as both texts) built only for a failure: a large sheet's text runs to megabytes.
        var expectedText = Describe(expected);
        var actualText = Describe(actual);
        if (expectedText != actualText)
        {
            Assert.Fail($"{where}:\nexpected {expectedText}\nactual   {actualText}");
        }

        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            Assert.Equal(expected.Rows[i].RowNumber, actual.Rows[i].RowNumber);
            // Record equality tells a missing cell (default) from an empty one.
            Assert.True(expected.Rows[i].Cells.SequenceEqual(actual.Rows[i].Cells), $"{where}: row {expected.Rows[i].RowNumber}");
        }
    }

    /// <summary>Rows, cells (· for a gap, = for a formula) and the error with its inner error, as one comparable text.</summary>
    public static string Describe(Result result)
    {
        var text = new StringBuilder();
        foreach (var row in result.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.RowNumber}:[");
            foreach (var cell in row.Cells)
            {
                text.Append(cell == default ? "·" : $"'{Escape(cell.Text)}'{(cell.IsFormula ? "=" : "")}").Append(',');
            }

            text.Append("] ");
        }

        if (result.Error is { } error)
        {
            text.Append(CultureInfo.InvariantCulture, $"error {error.GetType().Name}: {error.Message}");
            if (error.InnerException is { } inner)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({inner.GetType().Name}: {inner.Message})");
            }
        }

        return text.ToString();
    }

    /// <summary>One to three changes to a sheet's bytes: a cut, a doubled run, or markup, entities and bad bytes slipped in.</summary>
    public static byte[] Damage(byte[] sheet, Random random)
    {
        byte[][] insertions =
        [
            .. new[]
            {
                "<", ">", "&", ";", "/", "=", "\"", "'", " ", "x:", "y:", "<!-- c -->", "<?pi x?>", "<![CDATA[z]]>", "&#0;", "&bogus;", "&#x1F600;",
                "]]>", "\0", "\u0001", "</x:c>", "</c>", "<c>", "<row>", "<x:row r=\"2\">", " xmlns:q=\"\"", " r=\"A1\"", " t=\"s\"", " r=\"0\"", "<v>", "</v>",
                "&amp;", "&#13;", "\r", "\t", "\uFFFE", "<!DOCTYPE x>", "xml:space=\"x\"", "<is>", "<t>", "</t>", "<f/>",
            }.Select(Encoding.UTF8.GetBytes),
            [0xFF],
            [0xC3],
            [0xE3, 0x81],
            [0xED, 0xA0, 0x80],
        ];
        var bytes = sheet.ToList();
        for (var change = random.Next(1, 4); change > 0 && bytes.Count > 2; change--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 6), bytes.Count - at));
                    break;
                case 1:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)));
                    break;
                default:
                    bytes.InsertRange(at, insertions[random.Next(insertions.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}

/// <summary>
/// Random but valid worksheets, seeded: every cell type, shared and inline strings with rich text and phonetic runs,
/// entities and character references (emoji among them), prefixes x: or none, attributes in any order with either
/// quote, missing references, gaps, empty rows, formulas, whitespace between elements and elements the readers skip.
/// </summary>
public sealed class SheetMaker(Random random, int rows = 0)
{
    private const string Japanese = "情報資産管理台帳社員名簿ふりがなカナ（）：ＡＢ０１個人番号、。";
    private string _p = "";
    private readonly StringBuilder _xml = new();

    /// <summary>The shared strings the sheet's t="s" cells refer to; plain text, so the list is what the part holds.</summary>
    public List<string> Shared { get; } = [];

    public string? SharedStrings() =>
        Shared.Count == 0 ? null :
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + string.Concat(Shared.Select(s => $"<si><t xml:space=\"preserve\">{s}</t></si>")) + "</sst>";

    public byte[] Make()
    {
        _p = random.Next(2) == 0 ? "x:" : "";
        for (var i = random.Next(6); i > 0; i--)
        {
            Shared.Add(PlainText(8));
        }

        var declaration = random.Next(5) switch
        {
            0 => "",
            1 => "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
            2 => "<?xml version='1.0'?>",
            3 => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
            _ => "<?xml  version = \"1.0\"  standalone='no' ?>",
        };
        _xml.Append(declaration);
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}worksheet xmlns{(_p.Length > 0 ? ":x" : "")}=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"");
        _xml.Append(" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"");
        _xml.Append(" mc:Ignorable=\"x14ac\" xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">");
        Space();
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}dimension ref=\"A1:T20\"/><{_p}sheetViews><{_p}sheetView workbookViewId=\"0\"><{_p}selection activeCell=\"B2\" sqref=\"B2\"/></{_p}sheetView></{_p}sheetViews>");
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}cols><{_p}col min=\"1\" max=\"2\" width=\"12.5\" customWidth=\"1\"/></{_p}cols>");
        Space();
        if (random.Next(8) == 0)
        {
            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}sheetData/>");
        }
        else
        {
            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}sheetData>");
            var number = 0;
            for (var r = rows > 0 ? rows : random.Next(0, 25); r > 0; r--)
            {
                Space();
                number = Row(number);
            }

            Space();
            _xml.Append(CultureInfo.InvariantCulture, $"</{_p}sheetData>");
        }

        Space();
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}mergeCells count=\"1\"><{_p}mergeCell ref=\"A1:B1\"/></{_p}mergeCells>");
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}headerFooter><{_p}oddHeader>&amp;A</{_p}oddHeader><{_p}oddFooter>&amp;P / &amp;N</{_p}oddFooter></{_p}headerFooter>");
        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}extLst><{_p}ext uri=\"{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}\" xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\"><x14:conditionalFormattings/></{_p}ext></{_p}extLst>");
        _xml.Append(CultureInfo.InvariantCulture, $"</{_p}worksheet>");
        Space();
        var bytes = Encoding.UTF8.GetBytes(_xml.ToString());
        return random.Next(3) == 0 ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private int Row(int previous)
    {
        var gap = random.Next(4) == 0 ? random.Next(1, 5) : 0;
        // Now and then a row numbered below the one before: the readers keep whatever number a row has.
        var number = random.Next(30) == 0 ? Math.Max(1, previous - 3) : previous + 1 + gap;
        var attributes = new List<(string, string)>();
        if (gap > 0 || number != previous + 1 || random.Next(5) > 0)
        {
            attributes.Add(("r", number.ToString(CultureInfo.InvariantCulture)));
        }

        if (random.Next(2) == 0)
        {
            attributes.Add(("spans", "1:20"));
        }

        if (random.Next(3) == 0)
        {
            attributes.Add(("ht", "18.75"));
            attributes.Add(("customHeight", "1"));
        }

        if (random.Next(3) == 0)
        {
            attributes.Add(("x14ac:dyDescent", "0.4"));
        }

        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}row");
        Attributes(attributes);
        if (random.Next(8) == 0)
        {
            _xml.Append(random.Next(2) == 0 ? "/>" : $"></{_p}row>");
            return number;
        }

        _xml.Append('>');
        var column = -1;
        // A cell in Excel's last column (XFD) ends the row: one more would be past it.
        for (var c = random.Next(0, 14); c > 0 && column < 16_383; c--)
        {
            Space();
            column = Cell(column, number);
        }

        if (random.Next(10) == 0)
        {
            // Elements and text a row may hold that are not cells: skipped, cells inside them too.
            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}extLst><{_p}c r=\"A1\"><{_p}v>9</{_p}v></{_p}c></{_p}extLst>text");
        }

        Space();
        _xml.Append(CultureInfo.InvariantCulture, $"</{_p}row>");
        return number;
    }

    private int Cell(int previous, int row)
    {
        var gap = random.Next(4) == 0 ? random.Next(1, 4) : 0;
        var column = random.Next(40) == 0 ? Math.Max(0, previous - 2) : random.Next(200) == 0 ? 16_383 : previous + 1 + gap;
        var attributes = new List<(string, string)>();
        if (gap > 0 || column != previous + 1 || random.Next(4) > 0)
        {
            attributes.Add(("r", XlsxSheetReader.ColumnLetter(column) + row.ToString(CultureInfo.InvariantCulture)));
        }

        if (random.Next(2) == 0)
        {
            attributes.Add(("s", random.Next(1, 9).ToString(CultureInfo.InvariantCulture)));
        }

        var type = Shared.Count == 0 && random.Next(8) == 0 ? null : random.Next(9) switch
        {
            0 => null,
            1 => "n",
            2 => Shared.Count > 0 ? "s" : "str",
            3 => "str",
            4 => "b",
            5 => "e",
            6 or 7 => "inlineStr",
            _ => random.Next(2) == 0 ? "d" : "other",
        };
        if (type is not null)
        {
            attributes.Add(("t", type));
        }

        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}c");
        Attributes(attributes);
        if (type != "s" && random.Next(10) == 0)
        {
            _xml.Append("/>");
            return column;
        }

        _xml.Append('>');
        if (random.Next(4) == 0)
        {
            _xml.Append(random.Next(2) == 0 ? $"<{_p}f>SUM(A1:A3)&amp;\"{Text(6)}\"</{_p}f>" : $"<{_p}f t=\"shared\" ref=\"A1:A3\" si=\"0\"/>");
            Space();
        }

        switch (type)
        {
            case "s":
                var index = random.Next(Shared.Count).ToString(CultureInfo.InvariantCulture);
                _xml.Append(CultureInfo.InvariantCulture, $"<{_p}v>{(random.Next(6) == 0 ? "0" : "")}{index}</{_p}v>");
                break;
            case "inlineStr":
                InlineString();
                break;
            default:
                if (random.Next(6) > 0)
                {
                    _xml.Append(random.Next(12) == 0 ? $"<{_p}v/>" : $"<{_p}v>{Text(12)}</{_p}v>");
                }

                break;
        }

        if (random.Next(12) == 0)
        {
            Space();
            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}extLst><{_p}ext uri=\"{{X}}\"><{_p}f>1</{_p}f></{_p}ext></{_p}extLst>");
        }

        Space();
        _xml.Append(CultureInfo.InvariantCulture, $"</{_p}c>");
        return column;
    }

    private void InlineString()
    {
        switch (random.Next(6))
        {
            case 0:
                _xml.Append(CultureInfo.InvariantCulture, $"<{_p}is/>");
                return;
            case 1:
                _xml.Append(CultureInfo.InvariantCulture, $"<{_p}is><{_p}t/></{_p}is>");
                return;
            case 2 or 3:
                _xml.Append(CultureInfo.InvariantCulture, $"<{_p}is><{_p}t{Preserve()}>{Text(16)}</{_p}t></{_p}is>");
                return;
        }

        _xml.Append(CultureInfo.InvariantCulture, $"<{_p}is>");
        for (var run = random.Next(1, 4); run > 0; run--)
        {
            Space();
            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}r>");
            if (random.Next(2) == 0)
            {
                _xml.Append(CultureInfo.InvariantCulture, $"<{_p}rPr><{_p}b/><{_p}sz val=\"11\"/><{_p}rFont val=\"游ゴシック\"/></{_p}rPr>");
            }

            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}t{Preserve()}>{Text(10)}</{_p}t></{_p}r>");
        }

        if (random.Next(2) == 0)
        {
            _xml.Append(CultureInfo.InvariantCulture, $"<{_p}rPh sb=\"0\" eb=\"2\"><{_p}t>ふりがな</{_p}t></{_p}rPh><{_p}phoneticPr fontId=\"1\" type=\"noConversion\"/>");
        }

        _xml.Append(CultureInfo.InvariantCulture, $"</{_p}is>");
    }

    private string Preserve() => random.Next(3) switch
    {
        0 => " xml:space=\"preserve\"",
        1 => " xml:space='default'",
        _ => "",
    };

    /// <summary>The attributes in a random order, with either quote and whitespace of any kind around them.</summary>
    private void Attributes(List<(string Name, string Value)> attributes)
    {
        foreach (var (name, value) in attributes.OrderBy(_ => random.Next()))
        {
            var quote = random.Next(2) == 0 ? '"' : '\'';
            _xml.Append(random.Next(6) == 0 ? "\n\t" : " ").Append(name).Append(random.Next(8) == 0 ? " = " : "=").Append(quote).Append(value).Append(quote);
        }

        if (random.Next(8) == 0)
        {
            _xml.Append(random.Next(2) == 0 ? " " : "\r\n");
        }
    }

    private void Space()
    {
        if (random.Next(4) == 0)
        {
            _xml.Append(random.Next(3) switch { 0 => " ", 1 => "\n  ", _ => "\r\n\t" });
        }
    }

    /// <summary>Cell text as XML: entities, character references, line ends of every kind, emoji, characters outside ASCII.</summary>
    private string Text(int length)
    {
        var text = new StringBuilder();
        for (var i = random.Next(length + 1); i > 0; i--)
        {
            switch (random.Next(16))
            {
                case < 5:
                    text.Append("abcXYZ019 .,-_()[]{}!?#%+*/\\|~^`@$"[random.Next(34)]);
                    break;
                case 5 or 6:
                    text.Append(Japanese[random.Next(Japanese.Length)]);
                    break;
                case 7:
                    text.Append(random.Next(2) == 0 ? "😀" : "👍🏽");
                    break;
                case 8:
                    text.Append(new[] { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" }[random.Next(5)]);
                    break;
                case 9:
                    text.Append(CultureInfo.InvariantCulture, $"&#{new[] { 65, 12354, 0x1F600, 9, 10, 13, 0xFFFD, 0x85 }[random.Next(8)]};");
                    break;
                case 10:
                    text.Append(new[] { "&#x1F600;", "&#x3042;", "&#x00041;", "&#xd7ff;", "&#xE000;", "&#x10FFFF;", "&#xA;" }[random.Next(7)]);
                    break;
                case 11:
                    text.Append(new[] { "\n", "\r\n", "\r", "\t", "\r\r\n" }[random.Next(5)]);
                    break;
                case 12:
                    // A literal '>' is text too, but never after "]]".
                    text.Append(text.Length >= 2 && text[^1] == ']' && text[^2] == ']' ? "]" : random.Next(2) == 0 ? ">" : "]]");
                    break;
                case 13:
                    text.Append(new[] { '\u0085', '\u00A0', '\uFFFD', '\uFEFF', '\uFDD0', '"', '\'' }[random.Next(7)]);
                    break;
                case 14:
                    text.Append(" ");
                    break;
                default:
                    text.Append(new[] { "&#0065;", "&#x41;", "&#X41;".ToLowerInvariant() }[random.Next(3)]);
                    break;
            }
        }

        return text.ToString();
    }

    private string PlainText(int length)
    {
        var text = new StringBuilder();
        for (var i = random.Next(length + 1); i > 0; i--)
        {
            text.Append(random.Next(3) == 0 ? Japanese[random.Next(Japanese.Length)] : "abc XYZ 019"[random.Next(11)]);
        }

        return text.ToString();
    }
}
