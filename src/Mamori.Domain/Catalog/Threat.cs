using System.Globalization;

namespace Mamori.Domain.Catalog;

/// <summary>Where a threat comes from (脅威の種類).</summary>
[Flags]
public enum ThreatOrigins
{
    None = 0,

    /// <summary>E 環境的脅威 (Environmental)</summary>
    Environmental = 1,

    /// <summary>D 意図的脅威 (Deliberate), a human threat.</summary>
    Deliberate = 2,

    /// <summary>A 偶発的脅威 (Accidental), a human threat.</summary>
    Accidental = 4,
}

/// <summary>A threat of the catalog, with its origins and the Annex A controls that reduce it.</summary>
public sealed record Threat(
    string Id,
    string Category,
    string TitleJa,
    string TitleEn,
    ThreatOrigins Origins,
    IReadOnlyList<string> AliasesJa,
    IReadOnlyList<string> ControlIds)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);

    /// <summary>The origin letters as the seed writes them, e.g. "A/D/E".</summary>
    public string OriginCodes =>
        string.Join('/', new[]
        {
            (ThreatOrigins.Accidental, "A"),
            (ThreatOrigins.Deliberate, "D"),
            (ThreatOrigins.Environmental, "E"),
        }.Where(o => Origins.HasFlag(o.Item1)).Select(o => o.Item2));
}
