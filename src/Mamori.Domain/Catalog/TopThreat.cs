using System.Globalization;

namespace Mamori.Domain.Catalog;

/// <summary>
/// A threat topic that recurs across years of IPA 情報セキュリティ10大脅威 (e.g. ransomware),
/// linked to the catalog threats and the Annex A controls that answer it.
/// </summary>
public sealed record ThreatTopic(
    string Id,
    string TitleJa,
    string TitleEn,
    IReadOnlyList<string> ThreatIds,
    IReadOnlyList<string> ControlIds)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);
}

/// <summary>One ranked entry of a year's 10大脅威 (組織編), with the day IPA published that year's list.</summary>
public sealed record TopThreat(int Year, int Rank, string TopicId, string TitleJa, string TitleEn, bool FirstSelected, DateOnly? PublishedOn = null)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);
}
