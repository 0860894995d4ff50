using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Resources;

namespace Mamori.Import;

/// <summary>
/// Streams the rows of one worksheet of an .xlsx file: the sheet named
/// <see cref="PreferredSheetName"/> when there is one, otherwise the first sheet.
/// </summary>
public static class XlsxSheetReader
{
    /// <summary>The sheet name of the IPA リスク分析シート's register.</summary>
    public const string PreferredSheetName = "情報資産管理台帳";

    public static IEnumerable<SheetRow> Read(Stream stream)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx, e);
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new UnreadableFileException(Messages.FileNotReadableXlsx);
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheets.FirstOrDefault(s => s.Name?.Value == PreferredSheetName) ?? sheets.FirstOrDefault();
            if (sheet?.Id?.Value is not { } relationshipId || workbook.GetPartById(relationshipId) is not WorksheetPart part)
            {
                throw new UnreadableFileException(Messages.FileNotReadableXlsx);
            }

            var sharedStrings = ReadSharedStrings(workbook);
            foreach (var row in ReadRows(part, sharedStrings))
            {
                yield return row;
            }
        }
    }

    private static List<string> ReadSharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(((SharedStringItem)reader.LoadCurrentElement()!).InnerText);
            }
        }

        return strings;
    }

    private static IEnumerable<SheetRow> ReadRows(WorksheetPart part, List<string> sharedStrings)
    {
        using var reader = OpenXmlReader.Create(part);
        var nextRowNumber = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var rowNumber = row.RowIndex?.Value is { } index ? (int)index : nextRowNumber;
            nextRowNumber = rowNumber + 1;

            var cells = new List<SheetCell>();
            var nextColumn = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : nextColumn;
                nextColumn = column + 1;
                while (cells.Count < column)
                {
                    cells.Add(default);
                }

                cells.Add(new SheetCell(CellText(cell, sharedStrings), cell.CellFormula is not null));
            }

            yield return new SheetRow(rowNumber, cells);
        }
    }

    private static string CellText(Cell cell, List<string> sharedStrings)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count
                ? sharedStrings[i]
                : throw new UnreadableFileException(Messages.FileNotReadableXlsx);
        }

        return raw;
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
