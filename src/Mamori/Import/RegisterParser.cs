using System.Globalization;
using System.Text;
using Mamori.Domain.Risk;
using Mamori.Resources;

namespace Mamori.Import;

/// <summary>The outcome of reading a register: the valid rows, or the problems that stop it.</summary>
public sealed record RegisterParseResult(IReadOnlyList<RegisterEntry> Entries, IReadOnlyList<ImportProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Turns the rows of a register file (the columns of <see cref="RegisterColumns"/>, Japanese or English
/// headers) into entries, collecting every problem with its row and column rather than stopping
/// at the first, so the user can fix the file in one pass.
/// </summary>
public static class RegisterParser
{
    /// <summary>How far down the header row is looked for (title rows may come first).</summary>
    public const int HeaderSearchRows = 20;

    private static readonly string[] TrueFlags = ["○", "◯", "〇", "●", "✓", "✔", "レ", "有", "あり", "はい", "yes", "y", "true", "1"];
    private static readonly string[] FalseFlags = ["", "-", "ー", "―", "×", "✕", "無", "なし", "いいえ", "no", "n", "false", "0"];
    private static readonly string[] DateFormats = ["yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public static RegisterParseResult Parse(string path) => Parse(path, RegisterColumns.All);

    /// <param name="columns">The columns understood; <see cref="RegisterColumns.All"/> but in tests.</param>
    internal static RegisterParseResult Parse(string path, IReadOnlyList<RegisterColumn> columns)
    {
        using var stream = File.OpenRead(path);
        var problems = new List<ImportProblem>();
        var entries = Read(SheetReader.Read(stream, path), problems, columns).ToList();
        return problems.Count > 0 ? new([], problems) : new(entries, problems);
    }

    /// <summary>
    /// The valid entries of a register as its rows are read, for a caller that stores them while the
    /// rest is still being read. Every problem is added to <paramref name="problems"/> as it is found;
    /// the entries only count if there are none once the enumeration ends.
    /// </summary>
    public static IEnumerable<RegisterEntry> Read(IEnumerable<SheetRow> rows, List<ImportProblem> problems) =>
        Read(rows, problems, RegisterColumns.All);

    internal static IEnumerable<RegisterEntry> Read(IEnumerable<SheetRow> rows, List<ImportProblem> problems, IReadOnlyList<RegisterColumn> columns)
    {
        Header? header = null;
        var seen = new Dictionary<(string Category, string Name), int>();
        var count = 0;

        foreach (var row in rows)
        {
            if (header is null)
            {
                if (row.RowNumber > HeaderSearchRows)
                {
                    break;
                }

                header = Header.TryRead(row, columns, problems);
                if (header is not null && problems.Count > 0)
                {
                    yield break;
                }

                continue;
            }

            if (row.IsBlank)
            {
                continue;
            }

            var entry = new RowParser(row, header, problems).Parse();
            if (entry is null)
            {
                continue;
            }

            var key = (entry.BusinessCategory, entry.Name);
            if (seen.TryGetValue(key, out var firstRow))
            {
                problems.Add(new(row.RowNumber, header.HeaderOf(RegisterColumns.Name), Format(Messages.AssetDuplicateInFile, entry.Name, entry.BusinessCategory, firstRow)));
            }
            else
            {
                seen[key] = row.RowNumber;
                count++;
                yield return entry;
            }
        }

        if (header is null)
        {
            problems.Add(new(null, null, Format(Messages.HeaderNotFound, RegisterColumns.Name.Japanese[0], HeaderSearchRows)));
        }
        else if (problems.Count == 0 && count == 0)
        {
            problems.Add(new(null, null, Messages.RegisterHasNoRows));
        }
    }

    private static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>The header row: which cell holds which column, under the user's own header text.</summary>
    private sealed class Header(IReadOnlyList<RegisterColumn> columns, Dictionary<RegisterColumn, (int Cell, string Text)> found)
    {
        public RegisterColumn[] Columns { get; } = [.. columns];

        /// <summary>The columns found, in the file's order.</summary>
        public IEnumerable<KeyValuePair<RegisterColumn, (int Cell, string Text)>> Found => found;

        public HashSet<int> NamedCells { get; } = [.. found.Values.Select(f => f.Cell)];

        public int? CellOf(RegisterColumn column) => found.TryGetValue(column, out var f) ? f.Cell : null;

        public string HeaderOf(RegisterColumn column) => found.TryGetValue(column, out var f) ? f.Text : column.Japanese[0];

        /// <summary>A header if this row is one (it names the asset-name column); problems in it are reported.</summary>
        public static Header? TryRead(SheetRow row, IReadOnlyList<RegisterColumn> columns, List<ImportProblem> problems)
        {
            var byHeader = RegisterColumns.HeaderMap(columns);
            var matches = row.Cells
                .Select((cell, index) => (Index: index, Text: cell.Text.Trim(), Column: byHeader.GetValueOrDefault(RegisterColumns.Normalize(cell.Text))))
                .ToList();
            if (!matches.Any(m => m.Column == RegisterColumns.Name))
            {
                return null;
            }

            var found = new Dictionary<RegisterColumn, (int Cell, string Text)>();
            foreach (var (index, text, column) in matches)
            {
                if (text.Length == 0)
                {
                    continue;
                }

                if (column is null)
                {
                    problems.Add(new(row.RowNumber, text, Format(Messages.HeaderUnknown, text, XlsxSheetReader.ColumnLetter(index))));
                }
                else if (found.TryGetValue(column, out var earlier))
                {
                    problems.Add(new(row.RowNumber, text, Format(Messages.HeaderDuplicate, text, XlsxSheetReader.ColumnLetter(earlier.Cell), XlsxSheetReader.ColumnLetter(index))));
                }
                else
                {
                    found[column] = (index, text);
                }
            }

            foreach (var required in columns.Where(c => c.Required && !found.ContainsKey(c)))
            {
                problems.Add(new(row.RowNumber, null, Format(Messages.HeaderMissing, required.Japanese[0], required.English[0])));
            }

            return new Header(columns, found);
        }
    }

    /// <summary>Reads one data row, adding a problem for every bad cell.</summary>
    private sealed class RowParser(SheetRow row, Header header, List<ImportProblem> problems)
    {
        private bool _failed;

        public RegisterEntry? Parse()
        {
            for (var cell = 0; cell < row.Cells.Count; cell++)
            {
                if (!header.NamedCells.Contains(cell) && !row[cell].IsEmpty)
                {
                    Fail(null, Format(Messages.CellInUnnamedColumn, XlsxSheetReader.ColumnLetter(cell), row[cell].Text.Trim()));
                }
            }

            foreach (var (column, (cell, _)) in header.Found)
            {
                if (row[cell].IsFormula && !column.IsComputed)
                {
                    Fail(column, Messages.CellFormulaNotAllowed);
                }
            }

            var values = header.Columns.Select(Read).ToArray();
            if (_failed)
            {
                return null;
            }

            var entry = new RegisterEntry(row.RowNumber, header.Columns, values);
            if ((entry[RegisterColumns.ThreatLikelihood] is null) != (entry[RegisterColumns.VulnerabilityExposure] is null))
            {
                Fail(entry[RegisterColumns.ThreatLikelihood] is null ? RegisterColumns.ThreatLikelihood : RegisterColumns.VulnerabilityExposure, Messages.LikelihoodNeedsBoth);
            }

            // A value the file states for a computed column must be the one Mamori computes.
            for (var i = 0; i < values.Length; i++)
            {
                var column = header.Columns[i];
                if (column.IsComputed && Number(values[i]) is { } stated)
                {
                    if (Number(column.Get(entry.Asset)) is not { } computed)
                    {
                        Fail(column, Messages.RiskValueWithoutLikelihood);
                    }
                    else if (stated != computed)
                    {
                        Fail(column, Format(Messages.CellComputedMismatch, stated, computed));
                    }
                }
            }

            return _failed ? null : entry;
        }

        private static int? Number(object? value) => value switch
        {
            Rating rating => rating.Value,
            int number => number,
            _ => null,
        };

        private void Fail(RegisterColumn? column, string message)
        {
            _failed = true;
            problems.Add(new(row.RowNumber, column is null ? null : header.HeaderOf(column), message));
        }

        /// <summary>The cell's value as <see cref="RegisterColumn.Get"/> gives it (a flag is false, anything else null, when empty); null after a problem.</summary>
        private object? Read(RegisterColumn column)
        {
            var text = header.CellOf(column) is { } cell ? row[cell].Text : "";
            if (column.Kind == RegisterCellKind.Text)
            {
                text = text.Trim();
                if (text.Length > column.MaxLength)
                {
                    Fail(column, Format(Messages.CellTooLong, column.MaxLength, text.Length));
                    text = "";
                }

                if (column.Required && text.Length == 0)
                {
                    Fail(column, Messages.CellRequired);
                }

                return text;
            }

            var raw = text.Normalize(NormalizationForm.FormKC).Trim();
            if (column.Kind == RegisterCellKind.Flag)
            {
                return Flag(column, raw);
            }

            if (raw.Length == 0)
            {
                if (column.Required)
                {
                    Fail(column, column.Kind == RegisterCellKind.Rating ? Messages.CellRatingRequired : Messages.CellRequired);
                }

                return null;
            }

            switch (column.Kind)
            {
                case RegisterCellKind.Rating when WholeNumber(raw) is { } value && Rating.TryFrom(value, out var rating):
                    return rating;
                case RegisterCellKind.Rating:
                    Fail(column, Format(Messages.CellRatingInvalid, raw));
                    return null;
                case RegisterCellKind.Date when Date(raw) is { } date:
                    return date;
                case RegisterCellKind.Date:
                    Fail(column, Format(Messages.CellDateInvalid, raw));
                    return null;
                case var _ when WholeNumber(raw) is { } number:
                    return number;
                default:
                    Fail(column, Format(Messages.CellNumberInvalid, raw));
                    return null;
            }
        }

        private bool Flag(RegisterColumn column, string raw)
        {
            if (TrueFlags.Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!FalseFlags.Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                Fail(column, Format(Messages.CellFlagInvalid, raw));
            }

            return false;
        }

        private static DateOnly? Date(string raw)
        {
            // Excel keeps dates as serial numbers of days. Tried first, as most workbooks hold them (no
            // written format is also a serial: yyyyMMdd is past the last one, the others have separators).
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            }

            return DateOnly.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        }

        private static int? WholeNumber(string raw)
        {
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return whole;
            }

            // Spreadsheets hand numbers over as "3.0" or "2.9999999999999996".
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && Math.Abs(number - Math.Round(number)) < 1e-9 && Math.Abs(number) < int.MaxValue
                ? (int)Math.Round(number)
                : null;
        }
    }
}
