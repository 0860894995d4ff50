using Mamori.Domain.Inventories;
using Mamori.Features.Inventories;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Inventories;

/// <summary>The four inventories and the asset register, each with what it is for, how many entries it has and the ★3 criteria it answers.</summary>
public sealed class IndexModel : OrganizationPage
{
    public IReadOnlyDictionary<InventoryKind, ListInventory.Count> Counts { get; private set; } = new Dictionary<InventoryKind, ListInventory.Count>();

    public int Assets { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Counts = await ListInventory.CountsAsync(Db, cancellationToken);
        Assets = await Db.Assets.CountAsync(cancellationToken);
        return Page();
    }

    /// <summary>The ★3 criteria an inventory answers, from the catalog ("3-1-1-1, 3-1-1-2").</summary>
    public static string CriteriaOf(Domain.Catalog.ScsRegister register) =>
        string.Join(", ", Mamori.Catalogs.ScsCatalog.Default.Criteria.Where(c => c.Register == register).Select(c => c.Id));
}
