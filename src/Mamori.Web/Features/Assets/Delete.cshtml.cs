using System.Globalization;
using Mamori.Domain.Assets;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Assets;

/// <summary>Deleting an asset asks first, saying how many risk scenarios go with it.</summary>
public sealed class DeleteModel : OrganizationPage
{
    public InformationAsset? Asset { get; private set; }

    public int ScenarioCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Db.Assets.Remove(Asset!);
        await Db.SaveChangesAsync(cancellationToken);
        Flash(string.Format(CultureInfo.CurrentCulture, AssetText.DeletedMessage, Asset!.Name));
        return Redirect($"{Base}/assets");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Asset = await Db.Assets.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (Asset is null)
        {
            return NotFound();
        }

        if (Require(Membership.CanEditAsset(Asset.Department)) is { } denied)
        {
            return denied;
        }

        ScenarioCount = await Db.RiskScenarios.CountAsync(s => s.AssetId == id, cancellationToken);
        return null;
    }
}
