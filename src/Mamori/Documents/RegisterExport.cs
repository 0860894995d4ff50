using System.Globalization;
using System.Text;
using Mamori.Domain.Assets;
using Mamori.Import;

namespace Mamori.Documents;

/// <summary>
/// Writes an asset register as CSV (UTF-8 with BOM, as Excel expects) with the columns the importer
/// reads (<see cref="RegisterColumns"/>); the Excel workbook is <see cref="Xlsx.RegisterWorkbook"/>.
/// </summary>
public static class RegisterExport
{
    public static IReadOnlyList<string> Headers(CultureInfo culture) => [.. RegisterColumns.All.Select(c => c.Header(culture))];

    public static Task WriteCsvAsync(Stream output, IAsyncEnumerable<InformationAsset> assets, CultureInfo culture, CancellationToken cancellationToken = default) =>
        WriteCsvAsync(output, assets, culture, RegisterColumns.All, cancellationToken);

    /// <param name="columns">The register's columns; <see cref="RegisterColumns.All"/> but in tests.</param>
    internal static async Task WriteCsvAsync(
        Stream output, IAsyncEnumerable<InformationAsset> assets, CultureInfo culture, IReadOnlyList<RegisterColumn> columns, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', columns.Select(c => Quote(c.Header(culture)))));
        await foreach (var asset in assets.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', columns.Select(c => Quote(DefuseFormula(c.Display(asset))))));
        }
    }

    /// <summary>A value as a CSV cell: quoted when it must be, a leading formula character defused.</summary>
    internal static string Cell(string value) => Quote(DefuseFormula(value));

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>A CSV cell that Excel would run as a formula (=, +, -, @ …) gets a leading apostrophe.</summary>
    private static string DefuseFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
