using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Documents;
using Mamori.Documents.Xlsx;
using Mamori.Domain.Inventories;
using Mamori.Import;

namespace Mamori.Features.Inventories;

/// <summary>
/// An inventory as a file the import reads back: CSV (UTF-8 with BOM, as Excel expects) or one .xlsx
/// sheet with a frozen header and a filter, the headers in <paramref name="culture"/>'s language.
/// </summary>
public static class ExportInventory
{
    private const int SheetId = 1;

    public static async Task WriteCsvAsync(Stream output, InventoryKind kind, IEnumerable<InventoryItem> items, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var columns = Inventory.Columns(kind);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', columns.Select(c => RegisterExport.Cell(c.Header(culture)))).AsMemory(), cancellationToken);
        foreach (var item in items)
        {
            await writer.WriteLineAsync(string.Join(',', columns.Select(c => RegisterExport.Cell(c.Display(item)))).AsMemory(), cancellationToken);
        }
    }

    public static async Task WriteXlsxAsync(Stream output, InventoryKind kind, IReadOnlyList<InventoryItem> items, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var columns = Inventory.Columns(kind);
        var sheetName = Inventory.Title(kind, culture);
        var lastRow = items.Count + 1;
        var lastColumn = XlsxSheetReader.ColumnLetter(columns.Count - 1);

        // The zip writes synchronously, which a web response refuses: build in memory (an inventory is small), then copy.
        using var buffer = new MemoryStream();
        using (var zip = new XlsxPackage(buffer))
        {
            zip.WriteSkeleton(sheetCount: 1);
            zip.WriteElement(XlsxPackage.StylesPath, RegisterStyles.Create());
            using (var part = zip.CreatePart(XlsxPackage.WorksheetPath(SheetId)))
            using (var writer = new SheetXmlWriter(part, includeCachedValues: true))
            {
                writer.Start(selected: true, frozenColumns: 1, [.. columns.Select(c => (c.Header(culture), c.Kind == RegisterCellKind.Text ? 16d : 10d))]);
                var rowNumber = 1;
                foreach (var item in items)
                {
                    writer.StartRow(++rowNumber);
                    for (var column = 0; column < columns.Count; column++)
                    {
                        writer.Text(column, columns[column].Display(item), columns[column].Kind == RegisterCellKind.Text ? RegisterStyles.Text : RegisterStyles.Centered);
                    }

                    writer.EndRow();
                }

                writer.Finish([new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" }, .. SheetXmlWriter.PrintSetup()]);
            }

            var workbook = new Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0 }),
                new Sheets(new Sheet { Name = sheetName, SheetId = SheetId, Id = XlsxPackage.WorksheetRelationshipId(SheetId) }),
                new DefinedNames(
                    new DefinedName($"{SheetXmlWriter.QuoteSheetName(sheetName)}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 },
                    new DefinedName($"{SheetXmlWriter.QuoteSheetName(sheetName)}!$A$1:${lastColumn}${lastRow}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
            workbook.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            zip.WriteElement(XlsxPackage.WorkbookPath, workbook);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
