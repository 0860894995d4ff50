using System.Text.RegularExpressions;

namespace Mamori.Tests.Support;

/// <summary>The antiforgery token a page's form carries, which a test posts back as a browser would.</summary>
public static partial class Antiforgery
{
    /// <summary>The token of the first form in <paramref name="html"/>, or null when the page has none.</summary>
    public static string? TokenIn(string html) => TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
