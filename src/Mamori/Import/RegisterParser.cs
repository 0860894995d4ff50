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

    /// <param name="owner">Whose assets the entries' <see cref="RegisterEntry.Asset"/> are; none by default.</param>
    internal static IEnumerable<RegisterEntry> Read(IEnumerable<SheetRow> rows, List<ImportProblem> problems, IReadOnlyList<RegisterColumn> columns, RegisterOwner? owner = null)
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

            var entry = new RowParser(row, header, owner ?? RegisterOwner.None, problems).Parse();
            if (entry is null)
            {
                continue;
            }

            var key = (entry.BusinessCategory, entry.Name);
            if (seen.TryGetValue(key, out var firstRow))
            {
                problems.Add(new(row.RowNumber, header.HeaderOf(header.IndexOf(RegisterColumns.Name)), Format(Messages.AssetDuplicateInFile, entry.Name, entry.BusinessCategory, firstRow)));
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

    /// <summary>The header row: which cell holds each column (-1 when none), under the user's own header text.</summary>
    private sealed class Header(RegisterColumn[] columns, int[] cells, string?[] texts, (int Column, int Cell)[] found)
    {
        public RegisterColumn[] Columns => columns;

        public int[] Cells => cells;

        /// <summary>The columns found and their cells, in the file's order.</summary>
        public (int Column, int Cell)[] Found => found;

        public HashSet<int> NamedCells { get; } = [.. found.Select(f => f.Cell)];

        public int IndexOf(RegisterColumn column) => Array.IndexOf(columns, column);

        public string HeaderOf(int column) => texts[column] ?? columns[column].Japanese[0];

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

            RegisterColumn[] all = [.. columns];
            var cells = Enumerable.Repeat(-1, all.Length).ToArray();
            var texts = new string?[all.Length];
            var found = new List<(int Column, int Cell)>();
            foreach (var (index, text, column) in matches.Where(m => m.Text.Length > 0))
            {
                var position = column is null ? -1 : Array.IndexOf(all, column);
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
                    found.Add((position, index));
                }
            }

            foreach (var required in all.Where((c, i) => c.Required && cells[i] < 0))
            {
                problems.Add(new(row.RowNumber, null, Format(Messages.HeaderMissing, required.Japanese[0], required.English[0])));
            }

            return new Header(all, cells, texts, [.. found]);
        }
    }

    /// <summary>Reads one data row, adding a problem for every bad cell.</summary>
    private sealed class RowParser(SheetRow row, Header header, RegisterOwner owner, List<ImportProblem> problems)
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

            foreach (var (column, cell) in header.Found)
            {
                if (row[cell].IsFormula && !header.Columns[column].IsComputed)
                {
                    Fail(column, Messages.CellFormulaNotAllowed);
                }
            }

            var values = new object?[header.Columns.Length];
            for (var column = 0; column < values.Length; column++)
            {
                values[column] = Read(column);
            }

            if (_failed)
            {
                return null;
            }

            var entry = new RegisterEntry(row.RowNumber, header.Columns, values, owner);
            if ((entry[RegisterColumns.ThreatLikelihood] is null) != (entry[RegisterColumns.VulnerabilityExposure] is null))
            {
                Fail(header.IndexOf(entry[RegisterColumns.ThreatLikelihood] is null ? RegisterColumns.ThreatLikelihood : RegisterColumns.VulnerabilityExposure), Messages.LikelihoodNeedsBoth);
            }

            // A value the file states for a computed column must be the one Mamori computes (リスク値 cannot be computed without a likelihood).
            for (var column = 0; column < values.Length; column++)
            {
                if (header.Columns[column].IsComputed && Number(values[column]) is { } stated)
                {
                    if (Number(header.Columns[column].Get(entry.Asset)) is not { } computed)
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

        private void Fail(int? column, string message)
        {
            _failed = true;
            problems.Add(new(row.RowNumber, column is { } c ? header.HeaderOf(c) : null, message));
        }

        /// <summary>The cell's value as <see cref="RegisterColumn.Get"/> gives it (a flag is false, anything else null, when empty); null after a problem.</summary>
        private object? Read(int index)
        {
            var column = header.Columns[index];
            var text = header.Cells[index] is var cell and >= 0 ? row[cell].Text : "";
            if (column.Kind == RegisterCellKind.Text)
            {
                text = text.Trim();
                if (text.Length > column.MaxLength)
                {
                    Fail(index, Format(Messages.CellTooLong, column.MaxLength, text.Length));
                    text = "";
                }

                if (column.Required && text.Length == 0)
                {
                    Fail(index, Messages.CellRequired);
                }

                return text;
            }

            var raw = text.Normalize(NormalizationForm.FormKC).Trim();
            if (column.Kind == RegisterCellKind.Flag)
            {
                return Flag(index, raw);
            }

            if (raw.Length == 0)
            {
                if (column.Required)
                {
                    Fail(index, column.Kind == RegisterCellKind.Rating ? Messages.CellRatingRequired : Messages.CellRequired);
                }

                return null;
            }

            switch (column.Kind)
            {
                case RegisterCellKind.Rating when WholeNumber(raw) is { } value && Rating.TryFrom(value, out var rating):
                    return RegisterColumns.Box(rating);
                case RegisterCellKind.Rating:
                    Fail(index, Format(Messages.CellRatingInvalid, raw));
                    return null;
                case RegisterCellKind.Date when Date(raw) is { } date:
                    return date;
                case RegisterCellKind.Date:
                    Fail(index, Format(Messages.CellDateInvalid, raw));
                    return null;
                case var _ when WholeNumber(raw) is { } number:
                    return RegisterColumns.Box(number);
                default:
                    Fail(index, Format(Messages.CellNumberInvalid, raw));
                    return null;
            }
        }

        private object Flag(int column, string raw)
        {
            if (TrueFlags.Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                return RegisterColumns.Box(true);
            }

            if (!FalseFlags.Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                Fail(column, Format(Messages.CellFlagInvalid, raw));
            }

            return RegisterColumns.Box(false);
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
