using System.Globalization;

namespace Mamori.Domain;

/// <summary>
/// The product's two languages as cultures: Japanese, the default, and English. A culture is
/// English when its language is; any other culture reads Japanese, like the neutral resources.
/// Values written in both languages (catalog titles, band labels) are chosen here.
/// </summary>
public static class Language
{
    public static CultureInfo Japanese { get; } = CultureInfo.GetCultureInfo("ja-JP");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-US");

    public static bool IsEnglish(this CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en";
    }

    /// <summary>The product's culture for <paramref name="culture"/>: ja-JP or en-US.</summary>
    public static CultureInfo Of(CultureInfo culture) => culture.Pick(Japanese, English);

    /// <summary>The language <paramref name="culture"/> does not read: what the language switch offers.</summary>
    public static CultureInfo Other(CultureInfo culture) => culture.Pick(English, Japanese);

    /// <summary>"ja" or "en", as file names and the HTML lang attribute write it.</summary>
    public static string Code(this CultureInfo culture) => culture.IsEnglish() ? "en" : "ja";

    /// <summary>The one of two values written in both languages that belongs to <paramref name="culture"/>.</summary>
    public static T Pick<T>(this CultureInfo culture, T japanese, T english) => culture.IsEnglish() ? english : japanese;
}
