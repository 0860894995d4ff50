using System.Globalization;

namespace Mamori.Cli.Output;

internal static class Text
{
    /// <summary>Fills a resource template in the user's culture.</summary>
    public static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture, template, args);
}
