using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Features.Risks;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Assets;

/// <summary>
/// Deletes one asset and its risk scenarios in one commit, each removed row audited (the scenarios'
/// treatment tasks stay, unlinked, as <see cref="DeleteRiskScenario"/> leaves them). Whoever may
/// edit the asset may delete it; when it has scenarios, only a role that may manage risks may, and
/// anyone else is refused with the scenarios named. Used by the page and the REST API.
/// </summary>
public static class DeleteAsset
{
    public enum Outcome
    {
        /// <summary>From <see cref="CheckAsync"/>: the member may delete the asset (and its scenarios).</summary>
        Allowed,
        Deleted,
        NotFound,
        /// <summary>The member may not edit this asset at all.</summary>
        Forbidden,
        /// <summary>The member may edit the asset but not delete its risk scenarios; <see cref="Result.Problem"/> names them.</summary>
        HasScenarios,
    }

    public sealed record Result(Outcome Outcome, InformationAsset? Asset, IReadOnlyList<RiskScenario> Scenarios, string? Problem = null);

    /// <summary>What deleting would do, without deleting: for the page that asks first.</summary>
    public static async Task<Result> CheckAsync(MamoriDb db, Membership membership, Guid id, CancellationToken cancellationToken = default)
    {
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return new(Outcome.NotFound, null, []);
        }

        if (!membership.CanEditAsset(asset.Department))
        {
            return new(Outcome.Forbidden, asset, []);
        }

        var scenarios = await db.RiskScenarios.Where(s => s.AssetId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        if (scenarios.Count > 0 && !membership.CanManageRisks)
        {
            var names = string.Join(" / ", scenarios.Select(s => s.RiskStatement));
            return new(Outcome.HasScenarios, asset, scenarios,
                string.Format(CultureInfo.CurrentCulture, Messages.AssetDeleteScenariosNeedRiskManager, asset.Name, scenarios.Count, names));
        }

        return new(Outcome.Allowed, asset, scenarios);
    }

    public static async Task<Result> HandleAsync(MamoriDb db, Membership membership, Guid id, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(db, membership, id, cancellationToken);
        if (check.Outcome != Outcome.Allowed)
        {
            return check;
        }

        await DeleteRiskScenario.RemoveAsync(db, check.Scenarios, cancellationToken);
        db.Assets.Remove(check.Asset!);
        await db.SaveChangesAsync(cancellationToken);
        return check with { Outcome = Outcome.Deleted };
    }
}
