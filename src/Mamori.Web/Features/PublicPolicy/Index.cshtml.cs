using System.Globalization;
using Mamori.Data;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.PublicPolicy;

/// <summary>
/// /p/{token}: an organization's published 基本方針 for anyone with the URL, read-only, on a page of
/// its own (not the application's layout), so nothing else of the organization is reachable from it.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(MamoriDatabase database, TimeProvider time) : PageModel
{
    public PublicBasicPolicy.Shown? Policy { get; private set; }

    public IHtmlContent Html { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await PublicBasicPolicy.FindAsync(database, token, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        await using var db = database.Open(organization.Id);
        Policy = await PublicBasicPolicy.ReadAsync(db, organization, CultureInfo.CurrentUICulture, time.Today(organization), cancellationToken);
        if (Policy is null)
        {
            return NotFound();
        }

        Html = SafeHtml.FromMarkdown(Policy.Markdown);
        return Page();
    }

    /// <summary>The same document as a PDF, as the policy set exports it.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string token, CancellationToken cancellationToken)
    {
        if (await PublicBasicPolicy.FindAsync(database, token, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        await using var db = database.Open(organization.Id);
        var result = await PublicBasicPolicy.PdfAsync(db, organization, CultureInfo.CurrentUICulture, time.Today(organization), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        return result.Content is { } pdf
            ? File(pdf, ExportPolicySet.ContentType(ExportPolicySet.Format.Pdf), "basic-policy.pdf")
            : StatusCode(StatusCodes.Status503ServiceUnavailable, result.Problem ?? "");
    }
}
