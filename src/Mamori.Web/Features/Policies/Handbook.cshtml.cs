using System.Globalization;
using Mamori.Documents.Pdf;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Policies;

/// <summary>The 従業員ハンドブック: what it holds, who has acknowledged its procedures, and its download as Word or PDF.</summary>
public sealed class HandbookModel : OrganizationPage
{
    public IReadOnlyList<EmployeeHandbook.Part> Parts { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool PdfAvailable => LibreOfficePdf.IsAvailable;

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (format is "docx" or "pdf")
        {
            var chosen = format == "pdf" ? EmployeeHandbook.Format.Pdf : EmployeeHandbook.Format.Docx;
            var result = await EmployeeHandbook.HandleAsync(Db, Organization, Today, chosen, CultureInfo.CurrentUICulture, cancellationToken);
            if (result.Content is not null)
            {
                var stamp = Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                var file = chosen == EmployeeHandbook.Format.Pdf ? ExportPolicySet.Format.Pdf : ExportPolicySet.Format.Docx;
                return File(result.Content, ExportPolicySet.ContentType(file), $"{Organization.Slug}-handbook-{stamp}.{ExportPolicySet.Extension(file)}");
            }

            Problem = result.Problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        Parts = await EmployeeHandbook.PartsAsync(Db, CultureInfo.CurrentUICulture, cancellationToken);
        return Page();
    }
}
