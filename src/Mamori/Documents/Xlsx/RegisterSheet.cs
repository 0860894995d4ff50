using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// 情報資産管理台帳: the header in row 1 with the importer's column names, one asset a row, each
/// column as <see cref="RegisterColumns"/> describes it: 重要度, 被害発生可能性 and リスク値 as formulas over the ratings.
/// </summary>
internal sealed class RegisterSheet(SheetXmlWriter sheet, WorkbookText text, RiskBandScheme bands, IReadOnlyList<RegisterColumn> columns)
{
    // Before 1900-03-01 Excel's serial numbers are off by Lotus 1-2-3's phantom leap day.
    private static readonly DateOnly FirstSerialDate = new(1900, 3, 1);

    private readonly Dictionary<RegisterColumn, int> _indexes = columns.Select((column, index) => (column, index)).ToDictionary(c => c.column, c => c.index);
    private Func<RegisterColumn, string>? _cellInRow;
    private int _row;

    public int ColumnCount => columns.Count;

    /// <summary>Zero-based column of <paramref name="column"/>.</summary>
    public int ColumnOf(RegisterColumn column) => _indexes[column];

    public void Start() =>
        sheet.Start(selected: true, frozenColumns: ColumnOf(RegisterColumns.Name) + 1, [.. columns.Select(c => (text.Header(c), c.Width))]);

    public void Write(int row, InformationAsset asset)
    {
        _row = row;
        sheet.StartRow(row);
        for (var index = 0; index < columns.Count; index++)
        {
            var column = columns[index];
            var style = column.Kind switch
            {
                RegisterCellKind.Text => RegisterStyles.Text,
                RegisterCellKind.Date => RegisterStyles.Date,
                _ => RegisterStyles.Centered,
            };
            var value = column.Get(asset);
            if (column.Formula?.Invoke(asset, _cellInRow ??= c => sheet.Reference(ColumnOf(c), _row)) is { } formula)
            {
                sheet.Formula(index, formula, Number(value), style);
            }
            else if (value is DateOnly date && date >= FirstSerialDate)
            {
                sheet.Number(index, (int)date.ToDateTime(TimeOnly.MinValue).ToOADate(), style);
            }
            else if (value is null or Rating or int)
            {
                sheet.Number(index, Number(value), style);
            }
            else
            {
                sheet.Text(index, RegisterColumn.Format(value), style);
            }
        }

        sheet.EndRow();
    }

    /// <summary>Ends the sheet below <paramref name="lastRow"/> (1 when there are no assets).</summary>
    public void Finish(int lastRow)
    {
        var last = Math.Max(lastRow, 2);
        var risk = ColumnOf(RegisterColumns.RiskValue);
        sheet.Finish(
        [
            new AutoFilter { Reference = $"A1:{sheet.Reference(columns.Count - 1, lastRow)}" },
            RegisterStyles.BandColours($"{sheet.Reference(risk, 2)}:{sheet.Reference(risk, last)}", $"${sheet.Letter(risk)}2", bands),
            new DataValidations(
                new DataValidation(new Formula1(Invariant(Rating.MinValue)), new Formula2(Invariant(Rating.MaxValue)))
                {
                    Type = DataValidationValues.Whole,
                    Operator = DataValidationOperatorValues.Between,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = text.RatingErrorTitle,
                    Error = text.RatingError,
                    SequenceOfReferences = Ranges(RegisterCellKind.Rating, last),
                },
                new DataValidation(new Formula1($"\"{RegisterColumns.FlagMark}\""))
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = text.FlagErrorTitle,
                    Error = text.FlagError,
                    SequenceOfReferences = Ranges(RegisterCellKind.Flag, last),
                })
            { Count = 2 },
            .. SheetXmlWriter.PrintSetup(),
        ]);
    }

    /// <summary>The data cells of the columns of <paramref name="kind"/>, a range for each run of adjacent ones (e.g. "K2:M9 Q2:S9").</summary>
    private ListValue<StringValue> Ranges(RegisterCellKind kind, int last)
    {
        var ranges = new List<string>();
        for (var first = 0; first < columns.Count; first++)
        {
            if (columns[first].Kind != kind)
            {
                continue;
            }

            var end = first;
            while (end + 1 < columns.Count && columns[end + 1].Kind == kind)
            {
                end++;
            }

            ranges.Add($"{sheet.Reference(first, 2)}:{sheet.Reference(end, last)}");
            first = end;
        }

        return new() { InnerText = string.Join(' ', ranges) };
    }

    private static int? Number(object? value) => value switch
    {
        Rating rating => rating.Value,
        int number => number,
        _ => null,
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
