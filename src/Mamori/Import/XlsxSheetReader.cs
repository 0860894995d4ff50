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
/// checked the package before.
/// </remarks>
public static class XlsxSheetReader
{
    /// <summary>The sheet name of the IPA リスク分析シート's register.</summary>
    public const string PreferredSheetName = "情報資産管理台帳";

    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string StrictOfficeDocument = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

    /// <summary>Excel's last column is XFD; a reference past it is not a worksheet's.</summary>
    private const int MaxColumns = 16_384;

    /// <summary>The rows of the sheet; refuses a DTD, broken XML, rows and columns past Excel's last.</summary>
    public static IEnumerable<SheetRow> Read(Stream stream) => Read(stream, ImportLimits.Default);

    public static IEnumerable<SheetRow> Read(Stream stream, ImportLimits limits)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx, e);
        }

        using (zip)
        {
            var settings = ImportGuard.XmlSettings(limits);
            var (sheetPath, sharedStringsPath) = Unreadable(() => OpenWorkbook(zip, settings));
            var sharedStrings = sharedStringsPath is null ? [] : Unreadable(() => ReadSharedStrings(zip, sharedStringsPath, settings));
            using var rows = Unreadable(() => ReadRows(zip, sheetPath, sharedStrings, limits, settings).GetEnumerator());
            while (Sheet(rows.MoveNext, sheetPath))
            {
                yield return rows.Current;
            }
        }
    }

    /// <summary>Problems inside the package (a damaged zip, broken XML, a missing part) all mean the file cannot be read.</summary>
    private static T Unreadable<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or IOException or FormatException or OverflowException or NotSupportedException)
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx, e);
        }
    }

    /// <summary>As <see cref="Unreadable{T}"/>, naming the sheet's part when its XML is broken, as the guard does for the other parts.</summary>
    private static bool Sheet(Func<bool> read, string sheetPath)
    {
        try
        {
            return Unreadable(read);
        }
        catch (UnreadableFileException e) when (e.InnerException is XmlException)
        {
            throw new UnreadableFileException(ImportGuard.Refusal(Messages.GuardXmlBroken, sheetPath), e.InnerException);
        }
    }

    private static (string SheetPath, string? SharedStringsPath) OpenWorkbook(ZipArchive zip, XmlReaderSettings settings)
    {
        var workbookPath = Relationships(zip, "_rels/.rels", "", settings)
            .FirstOrDefault(r => r.Type is OfficeDocument or StrictOfficeDocument).Target
            ?? throw new UnreadableFileException(Messages.FileNotReadableXlsx);
        var workbookDirectory = workbookPath.Contains('/', StringComparison.Ordinal) ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
        var relationships = Relationships(zip, $"{workbookDirectory}_rels/{workbookPath[workbookDirectory.Length..]}.rels", workbookDirectory, settings);

        var sheets = new List<(string Name, string RelationshipId)>();
        using (var reader = Open(zip, workbookPath, settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    var id = RelationshipIdOf(reader);
                    if (reader.GetAttribute("name") is { } name && id is not null)
                    {
                        sheets.Add((name, id));
                    }
                }
            }
        }

        var sheet = sheets.FirstOrDefault(s => s.Name == PreferredSheetName);
        var relationshipId = sheet.RelationshipId ?? sheets.FirstOrDefault().RelationshipId;
        var sheetPath = relationships.FirstOrDefault(r => r.Id == relationshipId && r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).Target
            ?? throw new UnreadableFileException(Messages.FileNotReadableXlsx);
        var sharedStringsPath = relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
        return (sheetPath, sharedStringsPath);
    }

    private static string? RelationshipIdOf(XmlReader reader)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal))
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static List<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string path, string baseDirectory, XmlReaderSettings settings)
    {
        var relationships = new List<(string, string, string)>();
        if (zip.GetEntry(path) is null)
        {
            return relationships;
        }

        using var reader = Open(zip, path, settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target
                && reader.GetAttribute("TargetMode") != "External")
            {
                relationships.Add((id, type, Resolve(baseDirectory, target)));
            }
        }

        return relationships;
    }

    /// <summary>A relationship's target as a path in the zip: absolute ("/xl/…") or relative to its part's folder, with ".." resolved.</summary>
    private static string Resolve(string baseDirectory, string target)
    {
        var combined = target.StartsWith('/') ? target[1..] : baseDirectory + target;
        var parts = new List<string>();
        foreach (var part in Uri.UnescapeDataString(combined).Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static XmlReader Open(ZipArchive zip, string path, XmlReaderSettings settings)
    {
        var entry = zip.GetEntry(path) ?? throw new UnreadableFileException(Messages.FileNotReadableXlsx);
        return XmlReader.Create(entry.Open(), settings);
    }

    private static List<string> ReadSharedStrings(ZipArchive zip, string path, XmlReaderSettings settings)
    {
        var strings = new List<string>();
        using var reader = Open(zip, path, settings);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(StringItemText(reader));
            }
            else
            {
                reader.Read();
            }
        }

        return strings;
    }

    // The readers below start on an element and leave the reader on the node after its end.

    /// <summary>
    /// The text of a shared or inline string (&lt;si&gt; or &lt;is&gt;): its &lt;t&gt;, or its rich-text runs'
    /// &lt;t&gt; joined, leaving out phonetic readings (&lt;rPh&gt;) as Excel does when it shows the cell.
    /// </summary>
    private static string StringItemText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var depth = reader.Depth;
        string? single = null;
        System.Text.StringBuilder? joined = null;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName == "r")
            {
                reader.Read();
            }
            else if (reader.LocalName == "t")
            {
                var text = reader.ReadElementContentAsString();
                if (single is null)
                {
                    single = text;
                }
                else
                {
                    (joined ??= new System.Text.StringBuilder(single)).Append(text);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read();
        return joined?.ToString() ?? single ?? "";
    }

    private static IEnumerable<SheetRow> ReadRows(ZipArchive zip, string sheetPath, List<string> sharedStrings, ImportLimits limits, XmlReaderSettings settings)
    {
        using var reader = Open(zip, sheetPath, settings);
        var nextRowNumber = 1;
        var width = 0;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.DocumentType)
            {
                throw new UnreadableFileException(Messages.GuardDtd);
            }

            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                reader.Read();
                continue;
            }

            var rowNumber = reader.GetAttribute("r") is { } r ? int.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture) : nextRowNumber;
            if (rowNumber < 1 || rowNumber > limits.MaxRows)
            {
                throw new UnreadableFileException(ImportGuard.Refusal(Messages.GuardTooManyRows, Math.Max(rowNumber, 0), limits.MaxRows));
            }

            nextRowNumber = rowNumber + 1;
            // Rows of a sheet are mostly as wide as the one before: growing each list from empty cost as much as reading its cells.
            var cells = new List<SheetCell>(width);
            if (reader.IsEmptyElement)
            {
                reader.Read();
                yield return new SheetRow(rowNumber, cells);
                continue;
            }

            var depth = reader.Depth;
            var nextColumn = 0;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if (reader.LocalName != "c")
                {
                    reader.Skip();
                    continue;
                }

                var reference = reader.GetAttribute("r");
                if (reference is not null && !ImportGuard.WithinColumns(reference, limits))
                {
                    throw new UnreadableFileException(ImportGuard.Refusal(Messages.GuardTooManyColumns, rowNumber, limits.MaxColumns));
                }

                var column = reference is not null ? ColumnIndex(reference) : nextColumn;
                if (column is < 0 or >= MaxColumns || column >= limits.MaxColumns)
                {
                    throw new UnreadableFileException(ImportGuard.Refusal(Messages.GuardTooManyColumns, rowNumber, limits.MaxColumns));
                }

                nextColumn = column + 1;
                while (cells.Count < column)
                {
                    cells.Add(default);
                }

                cells.Add(ReadCell(reader, sharedStrings));
            }

            reader.Read();
            width = Math.Max(width, cells.Count);
            yield return new SheetRow(rowNumber, cells);
        }
    }

    /// <summary>One &lt;c&gt;: its text and whether it held a formula.</summary>
    private static SheetCell ReadCell(XmlReader reader, List<string> sharedStrings)
    {
        var type = reader.GetAttribute("t");
        var isFormula = false;
        string? value = null;
        string? inline = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (reader.LocalName == "v")
                {
                    value = reader.ReadElementContentAsString();
                }
                else if (reader.LocalName == "is")
                {
                    inline = StringItemText(reader);
                }
                else
                {
                    isFormula |= reader.LocalName == "f";
                    reader.Skip();
                }
            }

            reader.Read();
        }

        var text = type switch
        {
            "inlineStr" => inline ?? "",
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count
                ? sharedStrings[i]
                : throw new UnreadableFileException(Messages.FileNotReadableXlsx),
            _ => value ?? "",
        };
        return new SheetCell(text, isFormula);
    }

    /// <summary>"C12" → 2 (zero-based column of the reference).</summary>
    public static int ColumnIndex(string cellReference)
    {
        var index = 0;
        foreach (var ch in cellReference)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
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
}
