using System.Globalization;

namespace Mamori.Domain.Risk;

/// <summary>
/// How an organization turns a risk value into a band. Two presets come from the
/// sources the method uses; an organization may also set its own thresholds.
/// </summary>
public sealed record RiskBandScheme
{
    public const string IpaKey = "ipa";
    public const string Iso27005Key = "iso27005";
    public const string CustomKey = "custom";

    private RiskBandScheme(string key, int mediumFrom, int highFrom, BandLabels labelsJa, BandLabels labelsEn)
    {
        Key = key;
        MediumFrom = mediumFrom;
        HighFrom = highFrom;
        LabelsJa = labelsJa;
        LabelsEn = labelsEn;
    }

    /// <summary>IPA ガイドライン: 6 and above 大, 4 中, 3 and below 小.</summary>
    public static RiskBandScheme Ipa { get; } =
        new(IpaKey, 4, 6, new("小", "中", "大"), new("Small", "Medium", "Large"));

    /// <summary>東京都 / ISO/IEC 27005 style: 9 and 6 高, 4 and 3 中, 2 and 1 低.</summary>
    public static RiskBandScheme Iso27005 { get; } =
        new(Iso27005Key, 3, 6, new("低", "中", "高"), new("Low", "Medium", "High"));

    public static IReadOnlyList<RiskBandScheme> Presets { get; } = [Ipa, Iso27005];

    /// <summary>Which preset this is, or <see cref="CustomKey"/>.</summary>
    public string Key { get; }

    /// <summary>The lowest risk value in the 中 band.</summary>
    public int MediumFrom { get; }

    /// <summary>The lowest risk value in the 高/大 band.</summary>
    public int HighFrom { get; }

    public BandLabels LabelsJa { get; }

    public BandLabels LabelsEn { get; }

    /// <summary>
    /// An organization's own thresholds: values from <paramref name="mediumFrom"/> are 中,
    /// from <paramref name="highFrom"/> 高. Both lie in 2–9 and 中 starts below 高.
    /// </summary>
    public static RiskBandScheme Custom(int mediumFrom, int highFrom)
    {
        if (mediumFrom is < 2 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(mediumFrom), mediumFrom, "The 中 band starts between 2 and 9.");
        }

        if (highFrom <= mediumFrom || highFrom > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(highFrom), highFrom, "The 高 band starts above the 中 band and at most at 9.");
        }

        return new(CustomKey, mediumFrom, highFrom, Iso27005.LabelsJa, Iso27005.LabelsEn);
    }

    /// <summary>Restores a scheme from its stored key and thresholds.</summary>
    public static RiskBandScheme FromStored(string key, int mediumFrom, int highFrom) => key switch
    {
        IpaKey => Ipa,
        Iso27005Key => Iso27005,
        CustomKey => Custom(mediumFrom, highFrom),
        _ => throw new ArgumentException($"Unknown risk band scheme '{key}'.", nameof(key)),
    };

    /// <summary>Finds a preset by key ("ipa" or "iso27005").</summary>
    public static RiskBandScheme? FindPreset(string key) =>
        Presets.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));

    public RiskBand Classify(RiskValue risk) => Classify(risk.Value);

    public RiskBand Classify(int riskValue) =>
        riskValue >= HighFrom ? RiskBand.High
        : riskValue >= MediumFrom ? RiskBand.Medium
        : RiskBand.Low;

    public string Label(RiskBand band, CultureInfo culture) => culture.Pick(LabelsJa, LabelsEn).For(band);
}

/// <summary>The words a scheme uses for its three bands.</summary>
public sealed record BandLabels(string Low, string Medium, string High)
{
    public string For(RiskBand band) => band switch
    {
        RiskBand.Low => Low,
        RiskBand.Medium => Medium,
        RiskBand.High => High,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };
}
