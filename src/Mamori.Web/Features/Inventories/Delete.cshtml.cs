using System.Globalization;
using Mamori.Domain.Inventories;
using Mamori.Features;
using Mamori.Features.Inventories;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Inventories;

/// <summary>Deleting an entry of an inventory asks first.</summary>
public sealed class DeleteModel : InventoryPage
{
    public InventoryItem? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        Check(true) ?? Answer(await DeleteInventoryItem.CheckAsync(Db, Membership, Kind, id, cancellationToken));

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Check(true) is { } unknown)
        {
            return unknown;
        }

        var result = await DeleteInventoryItem.HandleAsync(Db, Membership, Kind, id, cancellationToken);
        if (result.Status != SaveStatus.Saved)
        {
            return Answer(result);
        }

        Flash(string.Format(CultureInfo.CurrentCulture, InventoryText.Deleted, result.Item!.Name));
        return Redirect(ListUrl);
    }

    private IActionResult Answer(DeleteInventoryItem.Result result)
    {
        Item = result.Item;
        return Refused(result.Status) ?? Page();
    }
}
