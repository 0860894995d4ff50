namespace Mamori.Web.Infrastructure;

/// <summary>
/// The response headers every answer carries: a content security policy that allows no inline
/// or foreign script, no framing, no MIME sniffing, a referrer kept on this site, and HSTS when
/// the request came over TLS (never over plain HTTP, where a browser ignores it anyway).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Styles keep 'unsafe-inline' because server-computed widths (progress bars, charts) are style
    /// attributes; scripts come only from this site's files, so injected markup cannot run code.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>
    /// Where an endpoint puts the 'sha256-…' sources of the inline scripts its own page needs (the API
    /// reference's start-up script), allowed for that answer only, by hash.
    /// </summary>
    public const string ScriptHashesItem = "mamori.csp.script-hashes";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items[ScriptHashesItem] is IEnumerable<string> hashes
                    ? ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' {string.Join(' ', hashes.Select(h => $"'{h}'"))}", StringComparison.Ordinal)
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
