using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Features.Soa;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// The Statement of Applicability as one sheet: a row per Annex A control with every column,
/// a filter on the header, lists for 適用/除外 and 実施状況, frozen header and print setup.
/// </summary>
public static class SoaWorkbook
{
    private const int SheetId = 1;

    public static async Task WriteAsync(Stream output, StatementOfApplicability.Statement statement, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(statement);
        var text = new SoaWords(Language.Of(culture));
        var sheetName = text[nameof(Resources.DocumentText.SoaSheet)];
        var themes = CatalogSet.Default.Themes.ToDictionary(t => t.Theme, t => $"{t.Clause} {culture.Pick(t.TitleJa, t.TitleEn)}");
        var columns = text.Columns;
        double[] widths = [8, 36, 14, 10, 48, 10, 16, 36, 36, 30, 12];
        var lastRow = statement.Rows.Count + 1;
        var lastColumn = XlsxSheetReader.ColumnLetter(columns.Count - 1);

        // The zip writes synchronously, which a web response refuses: build in memory (93 rows), then copy.
        using var buffer = new MemoryStream();
        using (var zip = new XlsxPackage(buffer))
        {
            zip.WriteSkeleton(sheetCount: 1);
            zip.WriteElement(XlsxPackage.StylesPath, RegisterStyles.Create());
            using (var part = zip.CreatePart(XlsxPackage.WorksheetPath(SheetId)))
            using (var writer = new SheetXmlWriter(part, includeCachedValues: true))
            {
                writer.Start(selected: true, frozenColumns: 2, [.. columns.Select((c, i) => (c, widths[i]))]);
                var rowNumber = 1;
                foreach (var row in statement.Rows)
                {
                    rowNumber++;
                    writer.StartRow(rowNumber);
                    var cells = text.Cells(row, themes[row.Control.Theme]);
                    for (var column = 0; column < cells.Count; column++)
                    {
                        writer.Text(column, cells[column], column is 0 or 3 or 5 ? RegisterStyles.Centered : RegisterStyles.Text);
                    }

                    writer.EndRow();
                }

                writer.Finish([
                    new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" },
                    new DataValidations(
                        List($"D2:D{lastRow}", text.Of(Domain.Soa.Applicability.Applicable), text.Of(Domain.Soa.Applicability.Excluded), text.Of(Domain.Soa.Applicability.Undecided)),
                        List($"F2:F{lastRow}", [.. Enum.GetValues<Domain.Soa.ImplementationStatus>().Select(text.Of)])),
                    .. SheetXmlWriter.PrintSetup(),
                ]);
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

    private static DataValidation List(string range, params string[] choices) => new()
    {
        Type = DataValidationValues.List,
        AllowBlank = true,
        ShowErrorMessage = true,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
        Formula1 = new Formula1($"\"{string.Join(",", choices)}\""),
    };
}
