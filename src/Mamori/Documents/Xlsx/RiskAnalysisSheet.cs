using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// リスク分析: one row per asset, the same row as in 情報資産管理台帳, taking 業務分類, 名称,
/// 重要度 and 被害発生可能性 from it by reference, with リスク値 and 判定 by the organization's bands.
/// </summary>
internal sealed class RiskAnalysisSheet(SheetXmlWriter sheet, WorkbookText text, RiskBandScheme bands, RegisterSheet register)
{
    private const int Category = 0;
    private const int Name = 1;
    private const int Importance = 2;
    private const int Likelihood = 3;
    private const int Risk = 4;
    private const int Band = 5;

    public const int ColumnCount = Band + 1;

    private readonly string _register = SheetXmlWriter.QuoteSheetName(text.RegisterSheet);
    private readonly Dictionary<RiskBand, string> _labels = Enum.GetValues<RiskBand>().ToDictionary(band => band, band => bands.Label(band, text.Culture));

    public void Start() =>
        sheet.Start(
            selected: false,
            frozenColumns: 0,
            [
                (text.Header(RegisterColumns.BusinessCategory), 12), (text.Header(RegisterColumns.Name), 24), (text.Header(RegisterColumns.Importance), 8),
                (text.Header(RegisterColumns.Likelihood), 8), (text.Header(RegisterColumns.RiskValue), 8), (text.BandHeader, 10),
            ]);

    public void Write(int row, InformationAsset asset)
    {
        sheet.StartRow(row);
        sheet.Formula(Category, FromOrBlank(RegisterColumns.BusinessCategory, row), asset.BusinessCategory, RegisterStyles.Text);
        sheet.Formula(Name, FromOrBlank(RegisterColumns.Name, row), asset.Name, RegisterStyles.Text);
        sheet.Formula(Importance, From(RegisterColumns.Importance, row), asset.Importance.Value, RegisterStyles.Centered);
        sheet.Formula(Likelihood, FromOrBlank(RegisterColumns.Likelihood, row), asset.Likelihood?.Value, RegisterStyles.Centered);

        var likelihood = sheet.Reference(Likelihood, row);
        sheet.Formula(
            Risk,
            Invariant($"IF(ISNUMBER({likelihood}),{sheet.Reference(Importance, row)}*{likelihood},\"\")"),
            asset.RiskValue?.Value,
            RegisterStyles.Centered);

        var risk = sheet.Reference(Risk, row);
        var label = asset.RiskValue is { } value ? _labels[bands.Classify(value)] : "";
        sheet.Formula(
            Band,
            Invariant($"IF({risk}=\"\",\"\",IF({risk}>={bands.HighFrom},{Quoted(_labels[RiskBand.High])},IF({risk}>={bands.MediumFrom},{Quoted(_labels[RiskBand.Medium])},{Quoted(_labels[RiskBand.Low])})))"),
            label,
            RegisterStyles.Centered);
        sheet.EndRow();
    }

    public void Finish(int lastRow)
    {
        var last = Math.Max(lastRow, 2);
        var risk = sheet.Letter(Risk);
        sheet.Finish(
        [
            new AutoFilter { Reference = $"A1:{sheet.Reference(Band, lastRow)}" },
            RegisterStyles.BandColours($"{sheet.Reference(Risk, 2)}:{sheet.Reference(Band, last)}", $"${risk}2", bands),
            .. SheetXmlWriter.PrintSetup(),
        ]);
    }

    private string From(RegisterColumn field, int row) =>
        $"{_register}!{sheet.Reference(register.ColumnOf(field), row)}";

    /// <summary>A reference that stays empty for an empty cell (a bare reference would show 0).</summary>
    private string FromOrBlank(RegisterColumn field, int row)
    {
        var source = From(field, row);
        return $"IF({source}=\"\",\"\",{source})";
    }

    /// <summary>Text in a formula: "大".</summary>
    private static string Quoted(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Invariant(FormattableString formula) => formula.ToString(CultureInfo.InvariantCulture);
}
