using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Features.Risks;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Quick;

/// <summary>
/// Step 2 of the Lv.1 flow: for each chosen threat, the assets at stake, the threat's likelihood, the
/// vulnerability's exposure and the treatment, recorded as one risk scenario per asset. A threat treated by
/// reducing it takes its template's Annex A controls. Rows naming an unknown threat are skipped, as are
/// scenarios that cannot be saved (an asset gone since the form was shown); all the others are one commit.
/// </summary>
public static class AssessThreats
{
    /// <param name="Topic">The threat's topic id (a <see cref="Domain.Catalog.ThreatTopic"/>).</param>
    /// <param name="Assets">The register's assets at stake.</param>
    public sealed record Row(string Topic, IReadOnlyList<Guid> Assets, int ThreatLikelihood = 2, int VulnerabilityExposure = 2, RiskTreatment Treatment = RiskTreatment.Reduce);

    /// <param name="Scenarios">The risk scenarios created.</param>
    /// <param name="Reduce">The threats treated by reducing them, whose standards step 3 generates.</param>
    public sealed record Result(IReadOnlyList<RiskScenario> Scenarios, IReadOnlyList<string> Reduce);

    /// <summary>
    /// What a caller that wants every row taken (the API) checks first: at least one row, every threat in the
    /// catalog, every asset in the register, ratings of 1 to 3. The page's form offers only those, so it does not.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, List<string>>> ValidateAsync(MamoriDb db, IReadOnlyList<Row> rows, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (rows.Count == 0)
        {
            errors.Add("rows", Messages.QuickRowsRequired);
        }

        var topics = CatalogSet.Default.Topics;
        foreach (var unknown in rows.Select(r => r.Topic).Where(t => CatalogSet.Default.FindTopic(t) is null).Distinct())
        {
            errors.Add("topic", string.Format(CultureInfo.CurrentCulture, Messages.QuickTopicUnknown, unknown, string.Join(", ", topics.Select(t => t.Id))));
        }

        var named = rows.SelectMany(r => r.Assets ?? []).Distinct().ToList();
        var found = await db.Assets.Where(a => named.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        if (found.Count != named.Count || rows.Any(r => r.Assets is null or { Count: 0 }))
        {
            errors.Add("assets", Messages.RiskAssetRequired);
        }

        foreach (var row in rows)
        {
            errors.Rating("threatLikelihood", row.ThreatLikelihood, required: true);
            errors.Rating("vulnerabilityExposure", row.VulnerabilityExposure, required: true);
            if (!Enum.IsDefined(row.Treatment))
            {
                errors.Add("treatment", Messages.RiskTreatmentUnknown);
            }
        }

        return errors;
    }

    /// <returns>The scenarios created, or null when the member may not manage risks.</returns>
    public static async Task<Result?> HandleAsync(MamoriDb db, Membership membership, IReadOnlyList<Row> rows, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return null;
        }

        // One commit for every scenario: a failure part-way leaves none of them.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var catalogs = CatalogSet.Default;
        var created = new List<RiskScenario>();
        var reduce = new List<string>();
        foreach (var row in rows)
        {
            if (catalogs.FindTopic(row.Topic) is not { } topic)
            {
                continue;
            }

            if (row.Treatment == RiskTreatment.Reduce)
            {
                reduce.Add(topic.Id);
            }

            var title = topic.Title(culture);
            foreach (var assetId in row.Assets.Distinct())
            {
                var result = await SaveRiskScenario.HandleAsync(db, membership, null, new SaveRiskScenario.Request
                {
                    AssetId = assetId,
                    ThreatId = topic.ThreatIds.FirstOrDefault(),
                    ThreatDescription = title,
                    RiskStatement = title,
                    ThreatLikelihood = row.ThreatLikelihood,
                    VulnerabilityExposure = row.VulnerabilityExposure,
                    Treatment = row.Treatment,
                    Controls = row.Treatment == RiskTreatment.Reduce ? topic.ControlIds.Select(c => new SaveRiskScenario.ControlInput(c, null)).ToList() : [],
                }, cancellationToken);
                if (result.Status == SaveStatus.Saved)
                {
                    created.Add(result.Scenario!);
                }
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new(created, reduce);
    }
}
