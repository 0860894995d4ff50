using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Mamori.Resources;

namespace Mamori.Import;

/// <summary>
/// Streams the rows of one worksheet of an .xlsx file: the sheet named
/// <see cref="PreferredSheetName"/> when there is one, otherwise the first sheet.
/// </summary>
/// <remarks>
/// Reads the package's XML with <see cref="XmlReader"/> straight from the zip: a row is a list of
/// strings, and nothing of the sheet is kept once its row is read. <see cref="ImportGuard"/> has
/// checked the package before, and turns any failure here (a damaged zip, broken XML, a missing
/// part) into a message.
/// </remarks>
public static class XlsxSheetReader
{
    /// <summary>The sheet name of the IPA リスク分析シート's register.</summary>
    public const string PreferredSheetName = "情報資産管理台帳";

    /// <summary>The rows of the sheet; refuses a DTD, rows and columns past Excel's last.</summary>
    public static IEnumerable<SheetRow> Read(Stream stream) => Read(stream, ImportLimits.Default);

    public static IEnumerable<SheetRow> Read(Stream stream, ImportLimits limits)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var settings = ImportGuard.XmlSettings(limits);
        var (sheetPath, sharedStringsPath) = FindSheet(zip, settings);
        var sharedStrings = new List<string>();
        if (sharedStringsPath is not null)
        {
            using var strings = Open(zip, sharedStringsPath, settings);
            while (NextElement(strings, "si"))
            {
                sharedStrings.Add(StringItemText(strings));
            }
        }

        using var rows = ReadRows(zip, sheetPath, sharedStrings, limits, settings).GetEnumerator();
        while (NamingBrokenXml(sheetPath, rows.MoveNext))
        {
            yield return rows.Current;
        }
    }

    /// <summary>"C12" → 2 (zero-based column of the reference); -1 when it does not start with one to three letters (Excel's last column is XFD).</summary>
    public static int ColumnIndex(string cellReference)
    {
        var index = 0;
        var letters = 0;
        while (letters < cellReference.Length && char.IsAsciiLetterUpper(cellReference[letters]))
        {
            index = (index * 26) + (cellReference[letters++] - 'A' + 1);
        }

        return letters is > 0 and <= 3 ? index - 1 : -1;
    }

    /// <summary>2 → "C".</summary>
    public static string ColumnLetter(int columnIndex)
    {
        var letters = "";
        for (var n = columnIndex + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>Broken XML in the imported sheet is refused naming its part, as the guard names the others.</summary>
    private static bool NamingBrokenXml(string part, Func<bool> read)
    {
        try
        {
            return read();
        }
        catch (XmlException e)
        {
            throw new UnreadableFileException(ImportGuard.Format(Messages.GuardXmlBroken, part), e);
        }
    }

    private static IEnumerable<SheetRow> ReadRows(ZipArchive zip, string sheetPath, List<string> sharedStrings, ImportLimits limits, XmlReaderSettings settings)
    {
        using var reader = Open(zip, sheetPath, settings);
        var nextRowNumber = 1;
        var width = 0;
        while (NextElement(reader, "row"))
        {
            var rowNumber = reader.GetAttribute("r") is { } r ? int.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture) : nextRowNumber;
            if (rowNumber < 1 || rowNumber > limits.MaxRows)
            {
                throw new UnreadableFileException(ImportGuard.Format(Messages.GuardTooManyRows, Math.Max(rowNumber, 0), limits.MaxRows));
            }

            nextRowNumber = rowNumber + 1;
            // Rows of a sheet are mostly as wide as the one before: growing each list from empty cost as much as reading its cells.
            var cells = new List<SheetCell>(width);
            var depth = reader.Depth;
            var empty = reader.IsEmptyElement;
            reader.Read();
            while (!empty && reader.Depth > depth)
            {
                // Skip moves past a node, and past an element with all it holds.
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c")
                {
                    reader.Skip();
                    continue;
                }

                var column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : cells.Count;
                if (column < 0 || column >= limits.MaxColumns)
                {
                    throw new UnreadableFileException(ImportGuard.Format(Messages.GuardTooManyColumns, rowNumber, limits.MaxColumns));
                }

                while (cells.Count < column)
                {
                    cells.Add(default);
                }

                cells.Add(ReadCell(reader, sharedStrings));
            }

            if (!empty)
            {
                reader.Read();
            }

            width = Math.Max(width, cells.Count);
            yield return new SheetRow(rowNumber, cells);
        }
    }

    /// <summary>The imported sheet's part and the shared strings' part, found through the package's relationships.</summary>
    private static (string SheetPath, string? SharedStringsPath) FindSheet(ZipArchive zip, XmlReaderSettings settings)
    {
        var workbookPath = Relationships(zip, "_rels/.rels", settings).First(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target;
        var slash = workbookPath.LastIndexOf('/') + 1;
        var relationships = Relationships(zip, $"{workbookPath[..slash]}_rels/{workbookPath[slash..]}.rels", settings);

        var sheets = new List<(string Name, string? Id)>();
        using (var reader = Open(zip, workbookPath, settings))
        {
            while (NextElement(reader, "sheet"))
            {
                // The id's namespace differs between transitional and strict Open XML.
                var id = reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                    ?? reader.GetAttribute("id", "http://purl.oclc.org/ooxml/officeDocument/relationships");
                sheets.Add((reader.GetAttribute("name") ?? "", id));
                reader.Read();
            }
        }

        var sheetId = sheets.Where(s => s.Name == PreferredSheetName).Concat(sheets).First().Id;
        var sheetPath = relationships.First(r => r.Id == sheetId && r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).Target;
        return (sheetPath, relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target);
    }

    /// <summary>A part's relationships, their targets as paths in the zip (absolute, or relative to the part's folder).</summary>
    private static List<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string path, XmlReaderSettings settings)
    {
        var relationships = new List<(string, string, string)>();
        var folder = new Uri("http://zip/" + path[..(path.IndexOf("_rels/", StringComparison.Ordinal))]);
        using var reader = Open(zip, path, settings);
        while (NextElement(reader, "Relationship"))
        {
            if (reader.GetAttribute("TargetMode") != "External"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target)
            {
                relationships.Add((id, type, Uri.UnescapeDataString(new Uri(folder, target).AbsolutePath.TrimStart('/'))));
            }

            reader.Read();
        }

        return relationships;
    }

    private static XmlReader Open(ZipArchive zip, string path, XmlReaderSettings settings) =>
        XmlReader.Create((zip.GetEntry(path) ?? throw new UnreadableFileException(Messages.FileNotReadableXlsx)).Open(), settings);

    /// <summary>
    /// Moves to the next element named <paramref name="localName"/> (in any namespace), from the current node on
    /// (the readers below leave the reader on the node after the element they read); false at the end.
    /// </summary>
    private static bool NextElement(XmlReader reader, string localName)
    {
        while (reader.NodeType != XmlNodeType.Element || reader.LocalName != localName)
        {
            if (reader.NodeType == XmlNodeType.DocumentType)
            {
                throw new UnreadableFileException(Messages.GuardDtd);
            }

            if (!reader.Read())
            {
                return false;
            }
        }

        return true;
    }

    // The readers below start on an element and leave the reader on the node after its end.

    /// <summary>
    /// The text of a shared or inline string (&lt;si&gt; or &lt;is&gt;): its &lt;t&gt;, or its rich-text runs'
    /// &lt;t&gt; joined, leaving out phonetic readings (&lt;rPh&gt;) as Excel does when it shows the cell.
    /// </summary>
    private static string StringItemText(XmlReader reader)
    {
        var depth = reader.Depth;
        var empty = reader.IsEmptyElement;
        string? text = null;
        reader.Read();
        while (!empty && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName == "r")
            {
                reader.Read();
            }
            else if (reader.LocalName == "t")
            {
                text += reader.ReadElementContentAsString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (!empty)
        {
            reader.Read();
        }

        return text ?? "";
    }

    /// <summary>One &lt;c&gt;: its text and whether it held a formula.</summary>
    private static SheetCell ReadCell(XmlReader reader, List<string> sharedStrings)
    {
        var type = reader.GetAttribute("t");
        var isFormula = false;
        string? value = null;
        var depth = reader.Depth;
        var empty = reader.IsEmptyElement;
        reader.Read();
        while (!empty && reader.Depth > depth)
        {
            var element = reader.NodeType == XmlNodeType.Element ? reader.LocalName : null;
            if (element == "v")
            {
                value = reader.ReadElementContentAsString();
            }
            else if (element == "is" && type == "inlineStr")
            {
                value = StringItemText(reader);
            }
            else
            {
                isFormula |= element == "f";
                reader.Skip();
            }
        }

        if (!empty)
        {
            reader.Read();
        }

        var text = type == "s"
            ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : throw new UnreadableFileException(Messages.FileNotReadableXlsx)
            : value ?? "";
        return new SheetCell(text, isFormula);
    }
}
