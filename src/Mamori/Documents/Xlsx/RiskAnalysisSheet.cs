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
internal sealed class RiskAnalysisSheet(SheetXmlWriter sheet, WorkbookText text, RiskBandScheme bands)
{
    private const int Category = 0;
    private const int Name = 1;
    private const int Importance = 2;
    private const int Likelihood = 3;
    private const int Risk = 4;
    private const int Band = 5;

    private static readonly double[] Widths = [12, 24, 8, 11, 8, 10];

    private readonly string _register = SheetXmlWriter.QuoteSheetName(text.RegisterSheet);

    public static int ColumnCount => Widths.Length;

    public void Start()
    {
        sheet.Start(selected: false, frozenColumns: 0, Widths);
        sheet.StartRow(1);
        string[] headers =
        [
            text.Header(RegisterField.BusinessCategory), text.Header(RegisterField.Name), text.Header(RegisterField.Importance),
            text.Header(RegisterField.Likelihood), text.Header(RegisterField.RiskValue), text.BandHeader,
        ];
        for (var column = 0; column < headers.Length; column++)
        {
            sheet.Text(column, headers[column], RegisterStyles.Header);
        }

        sheet.EndRow();
    }

    public void Write(int row, InformationAsset asset)
    {
        sheet.StartRow(row);
        sheet.Formula(Category, TextFrom(RegisterField.BusinessCategory, row), asset.BusinessCategory, RegisterStyles.Text);
        sheet.Formula(Name, TextFrom(RegisterField.Name, row), asset.Name, RegisterStyles.Text);
        sheet.Formula(Importance, From(RegisterField.Importance, row), asset.Importance.Value, RegisterStyles.Centered);
        sheet.Formula(Likelihood, TextFrom(RegisterField.Likelihood, row), asset.Likelihood?.Value, RegisterStyles.Centered);

        var likelihood = sheet.Reference(Likelihood, row);
        sheet.Formula(
            Risk,
            Invariant($"IF(ISNUMBER({likelihood}),{sheet.Reference(Importance, row)}*{likelihood},\"\")"),
            asset.RiskValue?.Value,
            RegisterStyles.Centered);

        var risk = sheet.Reference(Risk, row);
        var label = asset.RiskValue is { } value ? bands.Label(bands.Classify(value), text.Japanese) : "";
        sheet.Formula(
            Band,
            Invariant($"IF({risk}=\"\",\"\",IF({risk}>={bands.HighFrom},{LabelOf(RiskBand.High)},IF({risk}>={bands.MediumFrom},{LabelOf(RiskBand.Medium)},{LabelOf(RiskBand.Low)})))"),
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
            new AutoFilter { Reference = $"A1:{sheet.Reference(Widths.Length - 1, lastRow)}" },
            RegisterStyles.BandColours($"{sheet.Reference(Risk, 2)}:{sheet.Reference(Band, last)}", $"${risk}2", bands),
            .. SheetXmlWriter.PrintSetup(),
        ]);
    }

    private string From(RegisterField field, int row) =>
        $"{_register}!{sheet.Reference(RegisterSheet.ColumnOf(field), row)}";

    /// <summary>A reference that stays empty for an empty cell (a bare reference would show 0).</summary>
    private string TextFrom(RegisterField field, int row)
    {
        var source = From(field, row);
        return $"IF({source}=\"\",\"\",{source})";
    }

    private string LabelOf(RiskBand band) => $"\"{bands.Label(band, text.Japanese).Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Invariant(FormattableString formula) => formula.ToString(CultureInfo.InvariantCulture);
}
