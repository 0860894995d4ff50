using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// 情報資産管理台帳: the header in row 1 with the importer's column names, one asset a row,
/// 重要度, 被害発生可能性 and リスク値 as formulas over the ratings.
/// </summary>
internal sealed class RegisterSheet(SheetXmlWriter sheet, WorkbookText text, RiskBandScheme bands)
{
    /// <summary>The mark the importer reads as "holds this kind of personal information".</summary>
    public const string FlagMark = "○";

    private static readonly (RegisterField Field, double Width, uint Style)[] Layout =
    [
        (RegisterField.BusinessCategory, 12, RegisterStyles.Text),
        (RegisterField.Name, 24, RegisterStyles.Text),
        (RegisterField.Notes, 30, RegisterStyles.Text),
        (RegisterField.UserScope, 14, RegisterStyles.Text),
        (RegisterField.RiskOwner, 14, RegisterStyles.Text),
        (RegisterField.Department, 12, RegisterStyles.Text),
        (RegisterField.MediaAndLocation, 20, RegisterStyles.Text),
        (RegisterField.PersonalInformation, 9, RegisterStyles.Centered),
        (RegisterField.SensitivePersonalInformation, 9, RegisterStyles.Centered),
        (RegisterField.MyNumber, 9, RegisterStyles.Centered),
        (RegisterField.Confidentiality, 8, RegisterStyles.Centered),
        (RegisterField.Integrity, 8, RegisterStyles.Centered),
        (RegisterField.Availability, 8, RegisterStyles.Centered),
        (RegisterField.Importance, 8, RegisterStyles.Centered),
        (RegisterField.RetentionPeriod, 12, RegisterStyles.Text),
        (RegisterField.RegisteredOn, 12, RegisterStyles.Date),
        (RegisterField.ThreatLikelihood, 11, RegisterStyles.Centered),
        (RegisterField.VulnerabilityExposure, 11, RegisterStyles.Centered),
        (RegisterField.Likelihood, 11, RegisterStyles.Centered),
        (RegisterField.RiskValue, 8, RegisterStyles.Centered),
    ];

    // Before 1900-03-01 Excel's serial numbers are off by Lotus 1-2-3's phantom leap day.
    private static readonly DateOnly FirstSerialDate = new(1900, 3, 1);

    private static readonly Dictionary<RegisterField, int> Columns =
        Layout.Select((column, index) => (column.Field, index)).ToDictionary(c => c.Field, c => c.index);

    public static int ColumnCount => Layout.Length;

    /// <summary>Zero-based column of <paramref name="field"/>.</summary>
    public static int ColumnOf(RegisterField field) => Columns[field];

    public void Start() =>
        sheet.Start(selected: true, frozenColumns: ColumnOf(RegisterField.Name) + 1, [.. Layout.Select(c => (text.Header(c.Field), c.Width))]);

    public void Write(int row, InformationAsset asset)
    {
        sheet.StartRow(row);
        for (var column = 0; column < Layout.Length; column++)
        {
            Write(column, row, asset);
        }

        sheet.EndRow();
    }

    /// <summary>Ends the sheet below <paramref name="lastRow"/> (1 when there are no assets).</summary>
    public void Finish(int lastRow)
    {
        var last = Math.Max(lastRow, 2);
        string Range(RegisterField from, RegisterField to) =>
            $"{sheet.Reference(ColumnOf(from), 2)}:{sheet.Reference(ColumnOf(to), last)}";

        var risk = sheet.Letter(ColumnOf(RegisterField.RiskValue));
        sheet.Finish(
        [
            new AutoFilter { Reference = $"A1:{sheet.Reference(Layout.Length - 1, lastRow)}" },
            RegisterStyles.BandColours(Range(RegisterField.RiskValue, RegisterField.RiskValue), $"${risk}2", bands),
            new DataValidations(
                new DataValidation(new Formula1(Invariant(Rating.MinValue)), new Formula2(Invariant(Rating.MaxValue)))
                {
                    Type = DataValidationValues.Whole,
                    Operator = DataValidationOperatorValues.Between,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = text.RatingErrorTitle,
                    Error = text.RatingError,
                    SequenceOfReferences = References(
                        Range(RegisterField.Confidentiality, RegisterField.Availability),
                        Range(RegisterField.ThreatLikelihood, RegisterField.Likelihood)),
                },
                new DataValidation(new Formula1($"\"{FlagMark}\""))
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = text.FlagErrorTitle,
                    Error = text.FlagError,
                    SequenceOfReferences = References(Range(RegisterField.PersonalInformation, RegisterField.MyNumber)),
                })
            { Count = 2 },
            .. SheetXmlWriter.PrintSetup(),
        ]);
    }

    private void Write(int column, int row, InformationAsset asset)
    {
        var (field, _, style) = Layout[column];
        switch (field)
        {
            case RegisterField.BusinessCategory:
                sheet.Text(column, asset.BusinessCategory, style);
                break;
            case RegisterField.Name:
                sheet.Text(column, asset.Name, style);
                break;
            case RegisterField.Notes:
                sheet.Text(column, asset.Notes, style);
                break;
            case RegisterField.UserScope:
                sheet.Text(column, asset.UserScope, style);
                break;
            case RegisterField.RiskOwner:
                sheet.Text(column, asset.RiskOwner, style);
                break;
            case RegisterField.Department:
                sheet.Text(column, asset.Department, style);
                break;
            case RegisterField.MediaAndLocation:
                sheet.Text(column, asset.MediaAndLocation, style);
                break;
            case RegisterField.PersonalInformation:
                sheet.Text(column, Flag(asset, PersonalInformationKinds.Personal), style);
                break;
            case RegisterField.SensitivePersonalInformation:
                sheet.Text(column, Flag(asset, PersonalInformationKinds.Sensitive), style);
                break;
            case RegisterField.MyNumber:
                sheet.Text(column, Flag(asset, PersonalInformationKinds.MyNumber), style);
                break;
            case RegisterField.Confidentiality:
                sheet.Number(column, asset.Confidentiality.Value, style);
                break;
            case RegisterField.Integrity:
                sheet.Number(column, asset.Integrity.Value, style);
                break;
            case RegisterField.Availability:
                sheet.Number(column, asset.Availability.Value, style);
                break;
            case RegisterField.Importance:
                sheet.Formula(column, ImportanceFormula(row), asset.Importance.Value, style);
                break;
            case RegisterField.RetentionPeriod:
                sheet.Text(column, asset.RetentionPeriod, style);
                break;
            case RegisterField.RegisteredOn:
                WriteDate(column, asset.RegisteredOn, style);
                break;
            case RegisterField.ThreatLikelihood:
                sheet.Number(column, asset.ThreatLikelihood?.Value, style);
                break;
            case RegisterField.VulnerabilityExposure:
                sheet.Number(column, asset.VulnerabilityExposure?.Value, style);
                break;
            case RegisterField.Likelihood:
                WriteLikelihood(column, row, asset, style);
                break;
            case RegisterField.RiskValue:
                sheet.Formula(column, RiskFormula(row), asset.RiskValue?.Value, style);
                break;
            default:
                throw new InvalidOperationException($"No cell for {field}.");
        }
    }

    /// <summary>重要度 by the IPA rule (<see cref="Importance.Of"/>): 3 with personal information, else the highest of C, I and A.</summary>
    private string ImportanceFormula(int row)
    {
        var flags = string.Join(',', new[] { RegisterField.PersonalInformation, RegisterField.SensitivePersonalInformation, RegisterField.MyNumber }
            .Select(f => $"{Cell(f, row)}=\"{FlagMark}\""));
        return Invariant($"IF(OR({flags}),{Rating.MaxValue},MAX({Cell(RegisterField.Confidentiality, row)}:{Cell(RegisterField.Availability, row)}))");
    }

    /// <summary>リスク値 = 重要度 × 被害発生可能性, empty while the likelihood is.</summary>
    private string RiskFormula(int row)
    {
        var likelihood = Cell(RegisterField.Likelihood, row);
        return Invariant($"IF(ISNUMBER({likelihood}),{Cell(RegisterField.Importance, row)}*{likelihood},\"\")");
    }

    /// <summary>
    /// A likelihood given directly (the seed's way) is a plain number. Otherwise the cell is the IPA
    /// table (<see cref="Likelihood.From"/>) guarded by "both inputs are numbers", also for assets not yet
    /// assessed, so that filling in 脅威 and 脆弱性 in Excel later produces 被害発生可能性 and リスク値.
    /// </summary>
    private void WriteLikelihood(int column, int row, InformationAsset asset, uint style)
    {
        if (asset.Likelihood is { } given && asset.ThreatLikelihood is null)
        {
            sheet.Number(column, given.Value, style);
            return;
        }

        var threat = Cell(RegisterField.ThreatLikelihood, row);
        var vulnerability = Cell(RegisterField.VulnerabilityExposure, row);
        sheet.Formula(
            column,
            Invariant($"IF(AND(ISNUMBER({threat}),ISNUMBER({vulnerability})),MAX({Rating.MinValue},{threat}+{vulnerability}-3),\"\")"),
            asset.Likelihood?.Value,
            style);
    }

    private void WriteDate(int column, DateOnly date, uint style)
    {
        if (date >= FirstSerialDate)
        {
            sheet.Number(column, (int)date.ToDateTime(TimeOnly.MinValue).ToOADate(), style);
        }
        else
        {
            sheet.Text(column, date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), style);
        }
    }

    private static string Flag(InformationAsset asset, PersonalInformationKinds kind) =>
        asset.PersonalInformation.HasFlag(kind) ? FlagMark : "";

    private string Cell(RegisterField field, int row) => sheet.Reference(ColumnOf(field), row);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static ListValue<StringValue> References(params string[] ranges) => new() { InnerText = string.Join(' ', ranges) };
}
