using System.Globalization;
using Mamori.Domain.Inventories;
using Mamori.Features.Inventories;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Inventories;

/// <summary>One inventory's entries, with what the list is for; exported as .xlsx or CSV by the Export handler.</summary>
public sealed class ListModel : InventoryPage
{
    public IReadOnlyList<InventoryItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Check(Membership.CanReadRegister) is { } refused)
        {
            return refused;
        }

        Items = await ListInventory.EntriesAsync(Db, Kind, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        if (Check(Membership.CanReadRegister) is { } refused)
        {
            return refused;
        }

        var items = await ListInventory.EntriesAsync(Db, Kind, cancellationToken);
        var csv = format == "csv";
        var stamp = Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{Organization.Slug}-{Slug}-{stamp}.{(csv ? "csv" : "xlsx")}",
        }.ToString();
        if (csv)
        {
            await ExportInventory.WriteCsvAsync(Response.Body, Kind, items, CultureInfo.CurrentUICulture, cancellationToken);
        }
        else
        {
            await ExportInventory.WriteXlsxAsync(Response.Body, Kind, items, CultureInfo.CurrentUICulture, cancellationToken);
        }

        return new EmptyResult();
    }
}
