using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Bench;

/// <summary>
/// One line of the report. <see cref="Ratio"/> is value ÷ baseline: below 1 means Mamori is faster
/// (or smaller) than the baseline it is set against.
/// </summary>
public sealed record Measure(
    string Id,
    string Name,
    double Value,
    string Unit,
    double? Baseline,
    string? BaselineName,
    string Target,
    [property: JsonIgnore] Func<Measure, bool>? Check)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;

    /// <summary>Whether the target is met; null when the measure has no target or the run was the quick one.</summary>
    public bool? Met { get; init; }
}

public sealed record Report(string Mode, DateTimeOffset Started, int ProcessorCount, string Runtime, string OperatingSystem, IReadOnlyDictionary<string, int> Sizes, IReadOnlyList<Measure> Measures)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The table printed at the end of a run, one measure a line.</summary>
    public string ToTable()
    {
        string[] headers = ["measure", "value", "baseline (same run)", "ratio", "target", "met"];
        var rows = Measures.Select(m => new[]
        {
            m.Name,
            $"{Number(m.Value)} {m.Unit}",
            m.Baseline is { } b ? $"{Number(b)} {m.Unit} ({m.BaselineName})" : "—",
            m.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—",
            m.Target,
            m.Met switch { true => "yes", false => "NO", null => "—" },
        }).ToList();
        var widths = headers.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        var table = new StringBuilder();
        table.AppendLine(Line(headers, widths));
        table.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            table.AppendLine(Line(row, widths));
        }

        return table.ToString();
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c + new string(' ', widths[i] - Width(c))));

    // Japanese characters take two columns in a terminal.
    private static int Width(string text) => text.Sum(c => c > '\u2E7F' ? 2 : 1);

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
