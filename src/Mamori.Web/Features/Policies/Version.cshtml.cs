using System.Globalization;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>One version of a document as it reads, placeholders filled.</summary>
public sealed class VersionModel : OrganizationPage
{
    public PolicyDocument? Document { get; private set; }

    public DocumentVersion? Shown { get; private set; }

    public IHtmlContent Html { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Document = await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        Shown = await Db.DocumentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DocumentId == id && v.Number == number, cancellationToken);
        if (Document is null || Shown is null)
        {
            return NotFound();
        }

        var roles = await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        Html = SafeHtml.FromMarkdown(RenderPolicy.Fill(Shown.Body, Organization, roles, Document, Shown, Today, CultureInfo.CurrentUICulture).Text);
        return Page();
    }
}
