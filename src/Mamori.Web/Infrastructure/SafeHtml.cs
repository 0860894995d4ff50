using Ganss.Xss;
using Mamori.Features.Policies;
using Microsoft.AspNetCore.Html;

namespace Mamori.Web.Infrastructure;

/// <summary>User Markdown as HTML fit to show: Markdig with raw HTML disabled, then sanitized once more.</summary>
public static class SafeHtml
{
    private static readonly HtmlSanitizer Sanitizer = new();

    public static IHtmlContent FromMarkdown(string markdown) => new HtmlString(Sanitizer.Sanitize(RenderPolicy.ToHtml(markdown)));
}
