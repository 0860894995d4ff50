using System.Globalization;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Policies;

/// <summary>Downloads the policy set as Word, PDF or a Markdown bundle; says why when it cannot.</summary>
public sealed class ExportModel : OrganizationPage
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? format, bool drafts, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var chosen = format switch
        {
            "pdf" => ExportPolicySet.Format.Pdf,
            "md" => ExportPolicySet.Format.Markdown,
            _ => ExportPolicySet.Format.Docx,
        };
        var result = await ExportPolicySet.HandleAsync(Db, Organization, Today, chosen, CultureInfo.CurrentUICulture, drafts, cancellationToken);
        if (result.Content is null)
        {
            Problem = result.Problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var stamp = Today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return File(result.Content, ExportPolicySet.ContentType(chosen), $"{Organization.Slug}-policy-{stamp}.{ExportPolicySet.Extension(chosen)}");
    }
}
