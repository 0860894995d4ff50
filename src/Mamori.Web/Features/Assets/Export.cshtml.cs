using System.Globalization;
using Mamori.Documents;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Assets;

/// <summary>The whole register as .xlsx or CSV, streamed row by row.</summary>
public sealed class ExportModel : OrganizationPage
{
    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var assets = Db.Assets.AsNoTracking().OrderBy(a => a.BusinessCategory).ThenBy(a => a.Name).AsAsyncEnumerable();
        var stamp = Today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var xlsx = format != "csv";
        Response.ContentType = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{Organization.Slug}-register-{stamp}.{(xlsx ? "xlsx" : "csv")}",
        }.ToString();
        if (xlsx)
        {
            await RegisterWorkbook.WriteAsync(Response.Body, assets, Organization.RiskBands, CultureInfo.CurrentUICulture, cancellationToken);
        }
        else
        {
            await RegisterExport.WriteCsvAsync(Response.Body, assets, CultureInfo.CurrentUICulture, cancellationToken);
        }

        return new EmptyResult();
    }
}
