using System.Globalization;
using System.Text;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;

namespace Mamori.Import;

/// <summary>What a register column holds; it decides how a cell is read, checked, written and shown.</summary>
public enum RegisterCellKind
{
    /// <summary>Text, trimmed, of at most <see cref="RegisterColumn.MaxLength"/> characters.</summary>
    Text,

    /// <summary>○ when it applies (other marks and yes/no are read too), empty when not.</summary>
    Flag,

    /// <summary>1, 2 or 3.</summary>
    Rating,

    /// <summary>An Excel date serial, or 2025/04/01, 2025-04-01, 2025年4月1日 …</summary>
    Date,

    /// <summary>A whole number Mamori computes (重要度, リスク値).</summary>
    Computed,
}

/// <summary>The workbook's formula for a cell of <paramref name="asset"/>'s row, given the reference of any other cell of the row; null writes the value.</summary>
public delegate string? CellFormula(InformationAsset asset, Func<RegisterColumn, string> cellOf);

/// <summary>
/// One column of the asset register: its headers, what it holds, and how its value comes out of and
/// goes into an <see cref="InformationAsset"/>. The parser, the workbook, the CSV export and the
/// checks of each cell all work from these.
/// </summary>
public sealed class RegisterColumn
{
    /// <summary>The asset's property this column holds (also the field's name in the form and the API).</summary>
    public required string Key { get; init; }

    /// <summary>Japanese headers the parser reads; the first is the one written.</summary>
    public required IReadOnlyList<string> Japanese { get; init; }

    /// <summary>English headers the parser reads; the first is the one written.</summary>
    public required IReadOnlyList<string> English { get; init; }

    public required RegisterCellKind Kind { get; init; }

    /// <summary>A file without this column is refused, and so is a row that leaves it empty.</summary>
    public bool Required { get; init; }

    public int MaxLength { get; init; } = InformationAsset.MaxTextLength;

    /// <summary>Mamori computes the value: a file may hold a formula here, and a value it states is checked, not taken.</summary>
    public bool IsComputed { get; init; }

    /// <summary>The narrowest width of the column in the workbook, in Excel's units.</summary>
    public required double Width { get; init; }

    /// <summary>The value: a string, a bool for a flag, a <see cref="Rating"/>, a <see cref="DateOnly"/>, an int, or null.</summary>
    public required Func<InformationAsset, object?> Get { get; init; }

    /// <summary>Puts a value read from a file (as <see cref="Get"/> gives it, never null) into an asset; none when the asset derives it.</summary>
    public Action<InformationAsset, object>? Set { get; init; }

    /// <summary>The workbook's formula for this column's cells (重要度, 被害発生可能性, リスク値).</summary>
    public CellFormula? Formula { get; init; }

    /// <summary>The header written in <paramref name="culture"/>'s language.</summary>
    public string Header(CultureInfo culture) => culture.Pick(Japanese[0], English[0]);

    /// <summary>The value as the CSV export writes it and a screen shows it.</summary>
    public string Display(InformationAsset asset) => Format(Get(asset));

    /// <summary>A value as <see cref="Get"/> gives it, as text: ○ for a flag, 2025/04/01 for a date.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool flag => flag ? RegisterColumns.FlagMark : "",
        DateOnly date => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    public override string ToString() => Key;
}

/// <summary>
/// The register's columns, in the order Mamori writes them, with the seed's and IPA sheet's Japanese
/// headers and English ones. Headers are compared after NFKC normalisation, without spaces, '_', '-'
/// and case, so 「機密性 」, 「Confidentiality」 and 「ｃｏｎｆｉｄｅｎｔｉａｌｉｔｙ」 all match.
/// A new column is one more entry here (and the asset's property with its migration).
/// </summary>
public static class RegisterColumns
{
    /// <summary>The mark written for "holds this kind of personal information".</summary>
    public const string FlagMark = "○";

    public static readonly RegisterColumn BusinessCategory = Text(nameof(InformationAsset.BusinessCategory), 12, ["業務分類"], ["Business category", "Category"], a => a.BusinessCategory, (a, v) => a.BusinessCategory = v);
    public static readonly RegisterColumn Name = Text(nameof(InformationAsset.Name), 24, ["情報資産名称", "情報資産名", "資産名"], ["Asset name", "Asset", "Name"], a => a.Name, (a, v) => a.Name = v, required: true);
    public static readonly RegisterColumn Notes = Text(nameof(InformationAsset.Notes), 30, ["備考"], ["Notes", "Remarks", "Description"], a => a.Notes, (a, v) => a.Notes = v, InformationAsset.MaxNotesLength);
    public static readonly RegisterColumn UserScope = Text(nameof(InformationAsset.UserScope), 14, ["利用者範囲"], ["User scope", "Users"], a => a.UserScope, (a, v) => a.UserScope = v);
    public static readonly RegisterColumn RiskOwner = Text(nameof(InformationAsset.RiskOwner), 14, ["リスク所有者"], ["Risk owner", "Owner"], a => a.RiskOwner, (a, v) => a.RiskOwner = v);
    public static readonly RegisterColumn Department = Text(nameof(InformationAsset.Department), 12, ["管理部署"], ["Department", "Managing department"], a => a.Department, (a, v) => a.Department = v);
    public static readonly RegisterColumn MediaAndLocation = Text(nameof(InformationAsset.MediaAndLocation), 20, ["媒体・保存先", "媒体/保存先", "保存先"], ["Media and location", "Media", "Storage", "Location"], a => a.MediaAndLocation, (a, v) => a.MediaAndLocation = v);
    public static readonly RegisterColumn PersonalInformation = Flag(nameof(PersonalInformation), ["個人情報"], ["Personal information", "Personal info", "PII"], PersonalInformationKinds.Personal);
    public static readonly RegisterColumn SensitivePersonalInformation = Flag(nameof(SensitivePersonalInformation), ["要配慮個人情報"], ["Sensitive personal information", "Sensitive PII"], PersonalInformationKinds.Sensitive);
    public static readonly RegisterColumn MyNumber = Flag(nameof(MyNumber), ["特定個人情報"], ["Specific personal information", "My Number"], PersonalInformationKinds.MyNumber);
    public static readonly RegisterColumn Confidentiality = Rated(nameof(InformationAsset.Confidentiality), 8, ["機密性"], ["Confidentiality"], a => a.Confidentiality, (a, v) => a.Confidentiality = v, required: true);
    public static readonly RegisterColumn Integrity = Rated(nameof(InformationAsset.Integrity), 8, ["完全性"], ["Integrity"], a => a.Integrity, (a, v) => a.Integrity = v, required: true);
    public static readonly RegisterColumn Availability = Rated(nameof(InformationAsset.Availability), 8, ["可用性"], ["Availability"], a => a.Availability, (a, v) => a.Availability = v, required: true);

    /// <summary>重要度 by the IPA rule (<see cref="Domain.Risk.Importance.Of"/>): 3 with personal information, else the highest of C, I and A.</summary>
    public static readonly RegisterColumn Importance = Computed(nameof(InformationAsset.Importance), 8, ["重要度"], ["Importance"], a => a.Importance.Value, (_, cell) =>
        Invariant($"IF(OR({FlagsMarked(cell)}),{Rating.MaxValue},MAX({cell(Confidentiality)}:{cell(Availability)}))"));

    public static readonly RegisterColumn RetentionPeriod = Text(nameof(InformationAsset.RetentionPeriod), 12, ["保存期限"], ["Retention period", "Retention"], a => a.RetentionPeriod, (a, v) => a.RetentionPeriod = v);
    public static readonly RegisterColumn RegisteredOn = new()
    {
        Key = nameof(InformationAsset.RegisteredOn), Japanese = ["登録日"], English = ["Registered on", "Registration date", "Registered"],
        Kind = RegisterCellKind.Date, Width = 12, Get = a => a.RegisteredOn, Set = (a, v) => a.RegisteredOn = (DateOnly)v,
    };

    // Threat and vulnerability (both or neither) or the likelihood given directly: the asset sets them together (RegisterEntry.ToAsset).
    public static readonly RegisterColumn ThreatLikelihood = Rated(nameof(InformationAsset.ThreatLikelihood), 11, ["脅威の起こりやすさ", "脅威"], ["Threat likelihood", "Threat"], a => a.ThreatLikelihood);
    public static readonly RegisterColumn VulnerabilityExposure = Rated(nameof(InformationAsset.VulnerabilityExposure), 11, ["脆弱性のつけ込みやすさ", "脆弱性"], ["Vulnerability exposure", "Vulnerability"], a => a.VulnerabilityExposure);

    /// <summary>
    /// 被害発生可能性: given directly (the seed's way), a plain number; otherwise the IPA table (<see cref="Domain.Risk.Likelihood.From"/>)
    /// guarded by "both inputs are numbers", also for assets not yet assessed, so that filling in 脅威 and 脆弱性 in Excel computes it.
    /// </summary>
    public static readonly RegisterColumn Likelihood = Rated(nameof(InformationAsset.Likelihood), 11, ["被害発生可能性"], ["Likelihood"], a => a.Likelihood, computed: true, formula: (a, cell) =>
        a.Likelihood is not null && a.ThreatLikelihood is null
            ? null
            : Invariant($"IF(AND(ISNUMBER({cell(ThreatLikelihood)}),ISNUMBER({cell(VulnerabilityExposure)})),MAX({Rating.MinValue},{cell(ThreatLikelihood)}+{cell(VulnerabilityExposure)}-3),\"\")"));

    /// <summary>リスク値 = 重要度 × 被害発生可能性, empty while the likelihood is.</summary>
    public static readonly RegisterColumn RiskValue = Computed(nameof(InformationAsset.RiskValue), 8, ["リスク値", "リスクレベル"], ["Risk value", "Risk level"], a => a.RiskValue?.Value, (_, cell) =>
        Invariant($"IF(ISNUMBER({cell(Likelihood)}),{cell(Importance)}*{cell(Likelihood)},\"\")"));

    /// <summary>Every column, in the order Mamori writes them.</summary>
    public static IReadOnlyList<RegisterColumn> All { get; } =
    [
        BusinessCategory, Name, Notes, UserScope, RiskOwner, Department, MediaAndLocation, PersonalInformation, SensitivePersonalInformation,
        MyNumber, Confidentiality, Integrity, Availability, Importance, RetentionPeriod, RegisteredOn, ThreatLikelihood, VulnerabilityExposure,
        Likelihood, RiskValue,
    ];

    /// <summary>Every header of <paramref name="columns"/>, normalised, to its column.</summary>
    internal static Dictionary<string, RegisterColumn> HeaderMap(IEnumerable<RegisterColumn> columns) =>
        columns.SelectMany(c => c.Japanese.Concat(c.English).Select(h => (Key: Normalize(h), Column: c))).ToDictionary(x => x.Key, x => x.Column);

    internal static string Normalize(string header)
    {
        var normalized = header.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            if (!char.IsWhiteSpace(ch) && ch is not '_' and not '-')
            {
                builder.Append(char.ToLowerInvariant(ch));
            }
        }

        return builder.ToString();
    }

    private static RegisterColumn Text(
        string key, double width, string[] japanese, string[] english, Func<InformationAsset, string> get, Action<InformationAsset, string> set,
        int maxLength = InformationAsset.MaxTextLength, bool required = false) =>
        new()
        {
            Key = key, Japanese = japanese, English = english, Kind = RegisterCellKind.Text, Width = width, MaxLength = maxLength, Required = required,
            Get = get, Set = (a, v) => set(a, (string)v),
        };

    private static RegisterColumn Flag(string key, string[] japanese, string[] english, PersonalInformationKinds kind) =>
        new()
        {
            Key = key, Japanese = japanese, English = english, Kind = RegisterCellKind.Flag, Width = 9,
            Get = a => a.PersonalInformation.HasFlag(kind),
            Set = (a, v) => a.PersonalInformation = (bool)v ? a.PersonalInformation | kind : a.PersonalInformation & ~kind,
        };

    private static RegisterColumn Rated(
        string key, double width, string[] japanese, string[] english, Func<InformationAsset, Rating?> get, Action<InformationAsset, Rating>? set = null,
        bool required = false, bool computed = false, CellFormula? formula = null) =>
        new()
        {
            Key = key, Japanese = japanese, English = english, Kind = RegisterCellKind.Rating, Width = width, Required = required,
            IsComputed = computed, Formula = formula, Get = a => get(a), Set = set is null ? null : (a, v) => set(a, (Rating)v),
        };

    private static RegisterColumn Computed(
        string key, double width, string[] japanese, string[] english, Func<InformationAsset, int?> get, CellFormula formula) =>
        new()
        {
            Key = key, Japanese = japanese, English = english, Kind = RegisterCellKind.Computed, Width = width, IsComputed = true,
            Formula = formula, Get = a => get(a),
        };

    /// <summary>"H2=\"○\",I2=\"○\",J2=\"○\"": whether the row holds any kind of personal information.</summary>
    private static string FlagsMarked(Func<RegisterColumn, string> cell) =>
        string.Join(',', All.Where(c => c.Kind == RegisterCellKind.Flag).Select(f => $"{cell(f)}=\"{FlagMark}\""));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
