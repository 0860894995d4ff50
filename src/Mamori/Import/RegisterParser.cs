using System.Globalization;
using System.Text;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Resources;

namespace Mamori.Import;

/// <summary>The outcome of reading a register: the valid rows, or the problems that stop it.</summary>
public sealed record RegisterParseResult(IReadOnlyList<RegisterEntry> Entries, IReadOnlyList<ImportProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Turns the rows of a register file (the seed's columns, Japanese or English headers)
/// into entries, collecting every problem with its row and column rather than stopping
/// at the first, so the user can fix the file in one pass.
/// </summary>
public static class RegisterParser
{
    /// <summary>How far down the header row is looked for (title rows may come first).</summary>
    public const int HeaderSearchRows = 20;

    private static readonly string[] TrueFlags = ["○", "◯", "〇", "●", "✓", "✔", "レ", "有", "あり", "はい", "yes", "y", "true", "1"];
    private static readonly string[] FalseFlags = ["", "-", "ー", "―", "×", "✕", "無", "なし", "いいえ", "no", "n", "false", "0"];
    private static readonly string[] DateFormats = ["yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public static RegisterParseResult Parse(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(SheetReader.Read(stream, path));
    }

    public static RegisterParseResult Parse(IEnumerable<SheetRow> rows)
    {
        var problems = new List<ImportProblem>();
        var entries = Read(rows, problems).ToList();
        return problems.Count > 0 ? new([], problems) : new(entries, problems);
    }

    /// <summary>
    /// The valid entries of a register as its rows are read, for a caller that stores them while the
    /// rest is still being read. Every problem is added to <paramref name="problems"/> as it is found;
    /// the entries only count if there are none once the enumeration ends.
    /// </summary>
    public static IEnumerable<RegisterEntry> Read(IEnumerable<SheetRow> rows, List<ImportProblem> problems)
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

                header = Header.TryRead(row, problems);
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
                problems.Add(new(row.RowNumber, header.HeaderOf(RegisterField.Name), Format(Messages.AssetDuplicateInFile, entry.Name, entry.BusinessCategory, firstRow)));
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
            problems.Add(new(null, null, Format(Messages.HeaderNotFound, RegisterColumns.JapaneseHeader(RegisterField.Name), HeaderSearchRows)));
        }
        else if (problems.Count == 0 && count == 0)
        {
            problems.Add(new(null, null, Messages.RegisterHasNoRows));
        }
    }

    private static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>The header row: which column holds which field, under the user's own header text.</summary>
    private sealed class Header
    {
        private readonly Dictionary<RegisterField, int> _columns;
        private readonly Dictionary<RegisterField, string> _headers;

        private Header(Dictionary<RegisterField, int> columns, Dictionary<RegisterField, string> headers, HashSet<int> unnamedColumns)
        {
            _columns = columns;
            _headers = headers;
            NamedColumns = columns.Values.ToHashSet();
            UnnamedColumns = unnamedColumns;
        }

        public HashSet<int> NamedColumns { get; }

        public HashSet<int> UnnamedColumns { get; }

        public IEnumerable<KeyValuePair<RegisterField, int>> Columns => _columns;

        public bool Has(RegisterField field) => _columns.ContainsKey(field);

        public int ColumnOf(RegisterField field) => _columns[field];

        public string HeaderOf(RegisterField field) =>
            _headers.TryGetValue(field, out var header) ? header : RegisterColumns.JapaneseHeader(field);

        /// <summary>A header if this row is one (it names the asset-name column); problems in it are reported.</summary>
        public static Header? TryRead(SheetRow row, List<ImportProblem> problems)
        {
            var matches = row.Cells
                .Select((cell, index) => (Index: index, Text: cell.Text.Trim(), Field: RegisterColumns.Match(cell.Text)))
                .ToList();
            if (!matches.Any(m => m.Field == RegisterField.Name))
            {
                return null;
            }

            var columns = new Dictionary<RegisterField, int>();
            var headers = new Dictionary<RegisterField, string>();
            var unnamed = new HashSet<int>();
            foreach (var (index, text, field) in matches)
            {
                if (text.Length == 0)
                {
                    unnamed.Add(index);
                }
                else if (field is null)
                {
                    problems.Add(new(row.RowNumber, text, Format(Messages.HeaderUnknown, text, XlsxSheetReader.ColumnLetter(index))));
                }
                else if (columns.TryGetValue(field.Value, out var earlier))
                {
                    problems.Add(new(row.RowNumber, text, Format(Messages.HeaderDuplicate, text, XlsxSheetReader.ColumnLetter(earlier), XlsxSheetReader.ColumnLetter(index))));
                }
                else
                {
                    columns[field.Value] = index;
                    headers[field.Value] = text;
                }
            }

            foreach (var required in RegisterColumns.Required.Where(r => !columns.ContainsKey(r)))
            {
                problems.Add(new(row.RowNumber, null, Format(Messages.HeaderMissing, RegisterColumns.JapaneseHeader(required), RegisterColumns.EnglishHeader(required))));
            }

            return new Header(columns, headers, unnamed);
        }
    }

    /// <summary>Reads one data row, adding a problem for every bad cell.</summary>
    private sealed class RowParser(SheetRow row, Header header, List<ImportProblem> problems)
    {
        private bool _failed;

        public RegisterEntry? Parse()
        {
            for (var column = 0; column < row.Cells.Count; column++)
            {
                if (!header.NamedColumns.Contains(column) && !row[column].IsEmpty)
                {
                    Fail(null, Format(Messages.CellInUnnamedColumn, XlsxSheetReader.ColumnLetter(column), row[column].Text.Trim()));
                }
            }

            foreach (var (field, column) in header.Columns)
            {
                if (row[column].IsFormula && !RegisterColumns.IsComputed(field))
                {
                    Fail(field, Messages.CellFormulaNotAllowed);
                }
            }

            var name = Text(RegisterField.Name);
            if (name.Length == 0)
            {
                Fail(RegisterField.Name, Messages.CellRequired);
            }

            var category = Text(RegisterField.BusinessCategory);
            var notes = Text(RegisterField.Notes, InformationAsset.MaxNotesLength);
            var userScope = Text(RegisterField.UserScope);
            var riskOwner = Text(RegisterField.RiskOwner);
            var department = Text(RegisterField.Department);
            var media = Text(RegisterField.MediaAndLocation);
            var retention = Text(RegisterField.RetentionPeriod);
            var personal = PersonalInformationKinds.None;
            if (Flag(RegisterField.PersonalInformation))
            {
                personal |= PersonalInformationKinds.Personal;
            }

            if (Flag(RegisterField.SensitivePersonalInformation))
            {
                personal |= PersonalInformationKinds.Sensitive;
            }

            if (Flag(RegisterField.MyNumber))
            {
                personal |= PersonalInformationKinds.MyNumber;
            }

            var confidentiality = RequiredRating(RegisterField.Confidentiality);
            var integrity = RequiredRating(RegisterField.Integrity);
            var availability = RequiredRating(RegisterField.Availability);
            var registeredOn = Date(RegisterField.RegisteredOn);
            var threat = OptionalRating(RegisterField.ThreatLikelihood);
            var vulnerability = OptionalRating(RegisterField.VulnerabilityExposure);
            var statedLikelihood = OptionalRating(RegisterField.Likelihood);
            var statedImportance = OptionalNumber(RegisterField.Importance);
            var statedRisk = OptionalNumber(RegisterField.RiskValue);

            if (_failed || confidentiality is null || integrity is null || availability is null)
            {
                return null;
            }

            Rating? likelihood = statedLikelihood;
            if (threat is { } t && vulnerability is { } v)
            {
                likelihood = Domain.Risk.Likelihood.From(t, v);
                CheckComputed(RegisterField.Likelihood, statedLikelihood?.Value, likelihood.Value.Value);
            }
            else if (threat is not null || vulnerability is not null)
            {
                Fail(threat is null ? RegisterField.ThreatLikelihood : RegisterField.VulnerabilityExposure, Messages.LikelihoodNeedsBoth);
            }

            var entry = new RegisterEntry(
                row.RowNumber, category, name, notes, userScope, riskOwner, department, media, personal,
                confidentiality.Value, integrity.Value, availability.Value, retention, registeredOn,
                threat, vulnerability, likelihood);

            CheckComputed(RegisterField.Importance, statedImportance, entry.Importance.Value);
            if (statedRisk is { } risk)
            {
                if (entry.RiskValue is { } computed)
                {
                    CheckComputed(RegisterField.RiskValue, risk, computed.Value);
                }
                else
                {
                    Fail(RegisterField.RiskValue, Messages.RiskValueWithoutLikelihood);
                }
            }

            return _failed ? null : entry;
        }

        private void Fail(RegisterField? field, string message)
        {
            _failed = true;
            problems.Add(new(row.RowNumber, field is { } f ? header.HeaderOf(f) : null, message));
        }

        private string Raw(RegisterField field) =>
            header.Has(field) ? row[header.ColumnOf(field)].Text.Normalize(NormalizationForm.FormKC).Trim() : "";

        private string Text(RegisterField field, int maxLength = InformationAsset.MaxTextLength)
        {
            if (!header.Has(field))
            {
                return "";
            }

            var text = row[header.ColumnOf(field)].Text.Trim();
            if (text.Length > maxLength)
            {
                Fail(field, Format(Messages.CellTooLong, maxLength, text.Length));
                return "";
            }

            return text;
        }

        private bool Flag(RegisterField field)
        {
            var raw = Raw(field);
            if (TrueFlags.Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!FalseFlags.Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                Fail(field, Format(Messages.CellFlagInvalid, raw));
            }

            return false;
        }

        private Rating? RequiredRating(RegisterField field)
        {
            var raw = Raw(field);
            if (raw.Length == 0)
            {
                Fail(field, Messages.CellRatingRequired);
                return null;
            }

            return OptionalRating(field);
        }

        private Rating? OptionalRating(RegisterField field)
        {
            var raw = Raw(field);
            if (raw.Length == 0)
            {
                return null;
            }

            if (WholeNumber(raw) is { } value && Rating.TryFrom(value, out var rating))
            {
                return rating;
            }

            Fail(field, Format(Messages.CellRatingInvalid, raw));
            return null;
        }

        private int? OptionalNumber(RegisterField field)
        {
            var raw = Raw(field);
            if (raw.Length == 0)
            {
                return null;
            }

            if (WholeNumber(raw) is { } value)
            {
                return value;
            }

            Fail(field, Format(Messages.CellNumberInvalid, raw));
            return null;
        }

        private DateOnly? Date(RegisterField field)
        {
            var raw = Raw(field);
            if (raw.Length == 0)
            {
                return null;
            }

            // Excel keeps dates as serial numbers of days. Tried first, as most workbooks hold them (no
            // written format is also a serial: yyyyMMdd is past the last one, the others have separators).
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            }

            if (DateOnly.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Fail(field, Format(Messages.CellDateInvalid, raw));
            return null;
        }

        private void CheckComputed(RegisterField field, int? stated, int computed)
        {
            if (stated is { } value && value != computed)
            {
                Fail(field, Format(Messages.CellComputedMismatch, value, computed));
            }
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
