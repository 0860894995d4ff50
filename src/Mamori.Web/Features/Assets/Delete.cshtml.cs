using System.Globalization;
using Mamori.Domain.Assets;
using Mamori.Features.Assets;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Assets;

/// <summary>Deleting an asset asks first, saying how many risk scenarios go with it, or why they may not.</summary>
public sealed class DeleteModel : OrganizationPage
{
    public InformationAsset? Asset { get; private set; }

    public int ScenarioCount { get; private set; }

    /// <summary>Why this member may not delete the asset (it has scenarios they may not delete).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        Answer(await DeleteAsset.CheckAsync(Db, Membership, id, cancellationToken));

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await DeleteAsset.HandleAsync(Db, Membership, id, cancellationToken);
        if (result.Outcome != DeleteAsset.Outcome.Deleted)
        {
            return Answer(result);
        }

        Flash(string.Format(CultureInfo.CurrentCulture, AssetText.DeletedMessage, result.Asset!.Name));
        return Redirect($"{Base}/assets");
    }

    private IActionResult Answer(DeleteAsset.Result result)
    {
        (Asset, ScenarioCount, Problem) = (result.Asset, result.Scenarios.Count, result.Problem);
        return result.Outcome switch
        {
            DeleteAsset.Outcome.NotFound => NotFound(),
            DeleteAsset.Outcome.Forbidden => Forbid(),
            _ => Page(),
        };
    }
}
