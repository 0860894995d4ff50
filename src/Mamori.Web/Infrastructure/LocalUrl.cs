namespace Mamori.Web.Infrastructure;

/// <summary>The one check every return URL goes through (language switch, sign-in, second factor).</summary>
public static class LocalUrl
{
    /// <summary>
    /// <paramref name="url"/> when it is a path of this site, otherwise "/". Never throws, so what it
    /// returns can always be given to LocalRedirect.
    /// </summary>
    /// <remarks>
    /// A path starts with one slash; "//host" and "/\host" are read by browsers as another host, and
    /// browsers drop tabs and line breaks anywhere in a URL, so "/\t/host" is "//host": any control
    /// character refuses the URL (the rule of ASP.NET Core's own IsLocalUrl, which LocalRedirect applies).
    /// </remarks>
    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.AsSpan().ContainsAnyInRange('\u0000', '\u001F')
        && !url.AsSpan().ContainsAnyInRange('\u007F', '\u009F');
}
