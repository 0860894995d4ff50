using System.Globalization;
using System.Text;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Documents;

/// <summary>
/// Writes an asset register as CSV (UTF-8 with BOM, as Excel expects) with the same columns the
/// importer reads; the Excel workbook is <see cref="Xlsx.RegisterWorkbook"/>.
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
