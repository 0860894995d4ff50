using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Scalar.AspNetCore;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>
/// The API reference page (Scalar) for signed-in users: it reads /openapi/v1.json and serves its scripts
/// from the package, so it works without the internet; what would call Scalar's services (fonts from its CDN,
/// telemetry, the AI agent, the developer tools' sharing) is off.
/// </summary>
public static partial class ApiReference
{
    public const string Path = "/api-reference";

    public static IEndpointConventionBuilder MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, options => options
                .WithTitle("Mamori API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .HideDeveloperTools()
                .AddPreferredSecuritySchemes(ApiDocument.SecurityScheme))
            .RequireAuthorization();

    /// <summary>
    /// The page starts Scalar with an inline script, which the site's policy (script-src 'self') blocks: that
    /// page's answer allows exactly its own inline scripts, by their SHA-256, and nothing else.
    /// </summary>
    public static IApplicationBuilder UseApiReferenceScriptHashes(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path) && HttpMethods.IsGet(context.Request.Method) && !System.IO.Path.HasExtension(context.Request.Path.Value),
            branch => branch.Use(async (context, next) =>
            {
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                try
                {
                    await next(context);
                }
                finally
                {
                    context.Response.Body = original;
                }

                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                    context.Items[SecurityHeaders.ScriptHashesItem] = ScriptHashes(html);
                }

                buffer.Position = 0;
                await buffer.CopyToAsync(original, context.RequestAborted);
            }));

    /// <summary>The CSP sources ('sha256-…' without quotes) of the inline scripts of a page.</summary>
    public static IReadOnlyList<string> ScriptHashes(string html) =>
        [.. InlineScript().Matches(html).Select(m => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value))))];

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
