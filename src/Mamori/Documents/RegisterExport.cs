using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Documents;

/// <summary>
/// Writes an asset register as CSV (UTF-8 with BOM, as Excel expects) or .xlsx, with the same
/// columns the importer reads, so an export can be edited and imported elsewhere.
/// </summary>
public static class RegisterExport
{
    private static readonly RegisterField[] Columns =
    [
        RegisterField.BusinessCategory, RegisterField.Name, RegisterField.Notes, RegisterField.UserScope,
        RegisterField.RiskOwner, RegisterField.Department, RegisterField.MediaAndLocation,
        RegisterField.PersonalInformation, RegisterField.SensitivePersonalInformation, RegisterField.MyNumber,
        RegisterField.Confidentiality, RegisterField.Integrity, RegisterField.Availability, RegisterField.Importance,
        RegisterField.RetentionPeriod, RegisterField.RegisteredOn, RegisterField.ThreatLikelihood,
        RegisterField.VulnerabilityExposure, RegisterField.Likelihood, RegisterField.RiskValue,
    ];

    public const string SheetName = XlsxSheetReader.PreferredSheetName;

    public static IReadOnlyList<string> Headers(bool japanese) =>
        Columns.Select(c => japanese ? RegisterColumns.JapaneseHeader(c) : RegisterColumns.EnglishHeader(c)).ToList();

    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<InformationAsset> assets, bool japanese, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', Headers(japanese).Select(Quote)));
        await foreach (var asset in assets.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', Values(asset).Select(v => Quote(DefuseFormula(v)))));
        }
    }

    public static async Task WriteXlsxAsync(Stream output, IAsyncEnumerable<InformationAsset> assets, bool japanese, CancellationToken cancellationToken = default)
    {
        // OpenXml needs a seekable stream to finish the package; buffer in a temp file, not memory.
        var temp = Path.Combine(Path.GetTempPath(), $"mamori-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var document = SpreadsheetDocument.Create(temp, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    var rowNumber = 1;
                    WriteRow(writer, rowNumber++, Headers(japanese).Select(h => (object?)h));
                    await foreach (var asset in assets.WithCancellation(cancellationToken))
                    {
                        WriteRow(writer, rowNumber++, Values(asset));
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
                workbook.Workbook.Save();
            }

            await using var file = File.OpenRead(temp);
            await file.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static object?[] Values(InformationAsset a) =>
    [
        a.BusinessCategory, a.Name, a.Notes, a.UserScope, a.RiskOwner, a.Department, a.MediaAndLocation,
        a.PersonalInformation.HasFlag(PersonalInformationKinds.Personal) ? "○" : "",
        a.PersonalInformation.HasFlag(PersonalInformationKinds.Sensitive) ? "○" : "",
        a.PersonalInformation.HasFlag(PersonalInformationKinds.MyNumber) ? "○" : "",
        a.Confidentiality.Value, a.Integrity.Value, a.Availability.Value, a.Importance.Value,
        a.RetentionPeriod, a.RegisteredOn.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture),
        a.ThreatLikelihood?.Value, a.VulnerabilityExposure?.Value, a.Likelihood?.Value, a.RiskValue?.Value,
    ];

    private static void WriteRow(OpenXmlWriter writer, int rowNumber, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowNumber.ToString(CultureInfo.InvariantCulture))]);
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case int number:
                    writer.WriteElement(new Cell(new CellValue(number)) { DataType = CellValues.Number });
                    break;
                default:
                    // Inline strings are text, never formulas, whatever they start with.
                    writer.WriteElement(new Cell(new InlineString(new Text(value.ToString()!) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
                    break;
            }
        }

        writer.WriteEndElement();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>A CSV cell that Excel would run as a formula (=, +, -, @ …) gets a leading apostrophe.</summary>
    private static string DefuseFormula(object? value) =>
        value switch
        {
            null => "",
            int number => number.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString() is { Length: > 0 } text && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : value.ToString()!,
        };
}
