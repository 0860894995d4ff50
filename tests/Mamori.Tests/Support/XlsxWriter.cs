using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mamori.Tests.Support;

/// <summary>
/// Writes small real .xlsx files for import tests. A cell starting with "=" becomes a
/// formula; "=F|6" is a formula F with the cached value 6. Numbers become numeric cells.
/// </summary>
public static class XlsxWriter
{
    public static string Write(string path, IReadOnlyList<IReadOnlyList<string?>> rows, string sheetName = "台帳", int firstRow = 1)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var rowIndex = (uint)(firstRow + r);
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (rows[r][c] is not { } text)
                {
                    continue;
                }

                row.Append(Cell($"{Mamori.Import.XlsxSheetReader.ColumnLetter(c)}{rowIndex}", text));
            }

            data.Append(row);
        }

        sheetPart.Worksheet = new Worksheet(data);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        workbook.Workbook.Save();
        return path;
    }

    private static Cell Cell(string reference, string text)
    {
        if (text.StartsWith('='))
        {
            var parts = text[1..].Split('|');
            var cell = new Cell { CellReference = reference, CellFormula = new CellFormula(parts[0]) };
            if (parts.Length > 1)
            {
                cell.CellValue = new CellValue(parts[1]);
            }

            return cell;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return new Cell { CellReference = reference, CellValue = new CellValue(text), DataType = CellValues.Number };
        }

        return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
    }
}
