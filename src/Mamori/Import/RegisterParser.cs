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
    /// <param name="owner">Whose assets the entries' <see cref="RegisterEntry.Asset"/> are; none by default.</param>
    internal static IEnumerable<RegisterEntry> Read(IEnumerable<SheetRow> rows, List<ImportProblem> problems, IReadOnlyList<RegisterColumn> columns, RegisterOwner? owner = null)
    {
        Header? header = null;
        var seen = new Dictionary<(string Category, string Name), int>();
        foreach (var row in rows)
        {
            if (header is null)
            {
                if (row.RowNumber > HeaderSearchRows)
                {
                    break;
                }

                header = Header.TryRead(row, [.. columns], problems);
                if (header is not null && problems.Count > 0)
                {
                    yield break;
                }
            }
            else if (!row.IsBlank && new RowParser(row, header, problems).Parse(owner ?? RegisterOwner.None) is { } entry)
            {
                if (seen.TryAdd((entry.Asset.BusinessCategory, entry.Asset.Name), row.RowNumber))
                {
                    yield return entry;
                }
                else
                {
                    var first = seen[(entry.Asset.BusinessCategory, entry.Asset.Name)];
                    var column = header.HeaderOf(Array.IndexOf(header.Columns, RegisterColumns.Name));
                    problems.Add(new(row.RowNumber, column, Format(Messages.AssetDuplicateInFile, entry.Asset.Name, entry.Asset.BusinessCategory, first)));
                }
            }
        }

        if (header is null)
        {
            problems.Add(new(null, null, Format(Messages.HeaderNotFound, RegisterColumns.Name.Japanese[0], HeaderSearchRows)));
        }
        else if (problems.Count == 0 && seen.Count == 0)
        {
            problems.Add(new(null, null, Messages.RegisterHasNoRows));
        }
    }

    /// <summary>A mark read as a flag: ○, yes, 1… are true, empty, ×, no… false; anything else null.</summary>
    internal static bool? Flag(string raw) =>
        TrueFlags.Contains(raw, StringComparer.OrdinalIgnoreCase) ? true
        : FalseFlags.Contains(raw, StringComparer.OrdinalIgnoreCase) ? false
        : null;

    /// <summary>An Excel date serial or a written date (2025/04/01, 2025-04-01, 2025年4月1日 …); null when it is neither.</summary>
    internal static DateOnly? Date(string raw)
    {
        // Excel keeps dates as serial numbers of days. Tried first, as most workbooks hold them (no
        // written format is also a serial: yyyyMMdd is past the last one, the others have separators).
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        return DateOnly.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>The header row: the cell of each column (-1 when the file has none), under the user's own header text.</summary>
    private sealed record Header(RegisterColumn[] Columns, int[] Cells, string?[] Texts)
    {
        public HashSet<int> NamedCells { get; } = [.. Cells.Where(c => c >= 0)];

        public string HeaderOf(int column) => Texts[column] ?? Columns[column].Japanese[0];

        /// <summary>A header if this row is one (it names the asset-name column); problems in it are reported.</summary>
        public static Header? TryRead(SheetRow row, RegisterColumn[] columns, List<ImportProblem> problems)
        {
            var byHeader = RegisterColumns.HeaderMap(columns);
            var matches = row.Cells.Select((cell, index) => (Index: index, Text: cell.Text.Trim(), Column: byHeader.GetValueOrDefault(RegisterColumns.Normalize(cell.Text)))).ToList();
            if (!matches.Any(m => m.Column == RegisterColumns.Name))
            {
                return null;
            }

            var cells = Enumerable.Repeat(-1, columns.Length).ToArray();
            var texts = new string?[columns.Length];
            foreach (var (index, text, column) in matches.Where(m => m.Text.Length > 0))
            {
                var position = column is null ? -1 : Array.IndexOf(columns, column);
                if (position < 0)
                {
                    problems.Add(new(row.RowNumber, text, Format(Messages.HeaderUnknown, text, XlsxSheetReader.ColumnLetter(index))));
                }
                else if (cells[position] >= 0)
                {
                    problems.Add(new(row.RowNumber, text, Format(Messages.HeaderDuplicate, text, XlsxSheetReader.ColumnLetter(cells[position]), XlsxSheetReader.ColumnLetter(index))));
                }
                else
                {
                    (cells[position], texts[position]) = (index, text);
                }
            }

            foreach (var required in columns.Where((c, i) => c.Required && cells[i] < 0))
            {
                problems.Add(new(row.RowNumber, null, Format(Messages.HeaderMissing, required.Japanese[0], required.English[0])));
            }

            return new Header(columns, cells, texts);
        }
    }

    /// <summary>Reads one data row, adding a problem for every bad cell.</summary>
    private sealed class RowParser(SheetRow row, Header header, List<ImportProblem> problems)
    {
        private readonly RegisterColumn[] _columns = header.Columns;
        private bool _failed;

        public RegisterEntry? Parse(RegisterOwner owner)
        {
            for (var cell = 0; cell < row.Cells.Count; cell++)
            {
                if (!header.NamedCells.Contains(cell) && !row[cell].IsEmpty)
                {
                    Fail(null, Format(Messages.CellInUnnamedColumn, XlsxSheetReader.ColumnLetter(cell), row[cell].Text.Trim()));
                }
            }

            var values = new object?[_columns.Length];
            for (var column = 0; column < values.Length; column++)
            {
                if (header.Cells[column] >= 0 && row[header.Cells[column]].IsFormula && !_columns[column].IsComputed)
                {
                    Fail(column, Messages.CellFormulaNotAllowed);
                }

                values[column] = Read(column, header.Cells[column] >= 0 ? row[header.Cells[column]].Text : "");
            }

            if (_failed)
            {
                return null;
            }

            var entry = new RegisterEntry(row.RowNumber, _columns, values, owner);
            if ((entry[RegisterColumns.ThreatLikelihood] is null) != (entry[RegisterColumns.VulnerabilityExposure] is null))
            {
                Fail(Array.IndexOf(_columns, entry[RegisterColumns.ThreatLikelihood] is null ? RegisterColumns.ThreatLikelihood : RegisterColumns.VulnerabilityExposure), Messages.LikelihoodNeedsBoth);
            }

            // A value the file states for a computed column must be the one Mamori computes (リスク値 cannot be computed without a likelihood).
            for (var column = 0; column < values.Length; column++)
            {
                if (_columns[column].IsComputed && Number(values[column]) is { } stated && Number(_columns[column].Get(entry.Asset)) is var computed && stated != computed)
                {
                    Fail(column, computed is null ? Messages.RiskValueWithoutLikelihood : Format(Messages.CellComputedMismatch, stated, computed));
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

        private void Fail(int? column, string message)
        {
            _failed = true;
            problems.Add(new(row.RowNumber, column is { } c ? header.HeaderOf(c) : null, message));
        }

        /// <summary>The cell's value as <see cref="RegisterColumn.Get"/> gives it (a flag is false, anything else null, when empty); null after a problem.</summary>
        private object? Read(int index, string text)
        {
            var column = _columns[index];
            if (column.Kind == RegisterCellKind.Text)
            {
                text = text.Trim();
                if (text.Length > column.MaxLength)
                {
                    Fail(index, Format(Messages.CellTooLong, column.MaxLength, text.Length));
                }
                else if (column.Required && text.Length == 0)
                {
                    Fail(index, Messages.CellRequired);
                }

                return text;
            }

            var raw = text.Normalize(NormalizationForm.FormKC).Trim();
            if (column.Kind == RegisterCellKind.Flag)
            {
                var flag = Flag(raw);
                if (flag is null)
                {
                    Fail(index, Format(Messages.CellFlagInvalid, raw));
                }

                return flag ?? false;
            }

            object? value = raw.Length == 0 ? null : column.Kind switch
            {
                RegisterCellKind.Rating => WholeNumber(raw) is { } number && Rating.TryFrom(number, out var rating) ? rating : null,
                RegisterCellKind.Date => Date(raw),
                _ => WholeNumber(raw),
            };
            if (value is null && (raw.Length > 0 || column.Required))
            {
                Fail(index, (raw.Length, column.Kind) switch
                {
                    (0, RegisterCellKind.Rating) => Messages.CellRatingRequired,
                    (0, _) => Messages.CellRequired,
                    (_, RegisterCellKind.Rating) => Format(Messages.CellRatingInvalid, raw),
                    (_, RegisterCellKind.Date) => Format(Messages.CellDateInvalid, raw),
                    _ => Format(Messages.CellNumberInvalid, raw),
                });
            }

            return value;
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
