using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Catalog;
using Mamori.Domain.Risk;
using Mamori.Features;
using Mamori.Features.Risks;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Quick;

/// <summary>Lv.1 step 2: for each chosen threat, the assets at stake, threat and vulnerability, and the treatment — recorded as risk scenarios.</summary>
public sealed class AssessModel : OrganizationPage
{
    public const int MaxAssetsShown = 60;

    public sealed class Row
    {
        public string Topic { get; set; } = "";

        public List<Guid> Assets { get; set; } = [];

        public int ThreatLikelihood { get; set; } = 2;

        public int VulnerabilityExposure { get; set; } = 2;

        public RiskTreatment Treatment { get; set; } = RiskTreatment.Reduce;
    }

    [BindProperty(SupportsGet = true, Name = "topics")]
    public List<string> TopicIds { get; set; } = [];

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    public IReadOnlyList<ThreatTopic> Topics { get; private set; } = [];

    public IReadOnlyList<InformationAsset> Assets { get; private set; } = [];

    public string TopicQuery => string.Join('&', Topics.Select(t => "topics=" + Uri.EscapeDataString(t.Id)));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        Topics = TopicIds.Select(CatalogSet.Default.FindTopic).OfType<ThreatTopic>().DistinctBy(t => t.Id).ToList();
        if (Topics.Count == 0)
        {
            Flash(QuickText.ChooseOne);
            return Redirect($"{Base}/quick");
        }

        Assets = await Db.Assets.AsNoTracking()
            .OrderByDescending(a => EF.Property<int>(a, MamoriDb.StoredImportance)).ThenBy(a => a.Name)
            .Take(MaxAssetsShown)
            .ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanManageRisks) is { } denied)
        {
            return denied;
        }

        // One commit for every scenario of the form: a failure part-way leaves none of them.
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var catalogs = CatalogSet.Default;
        var created = 0;
        var reduce = new List<string>();
        foreach (var row in Rows)
        {
            if (catalogs.FindTopic(row.Topic) is not { } topic)
            {
                continue;
            }

            if (row.Treatment == RiskTreatment.Reduce)
            {
                reduce.Add(topic.Id);
            }

            var title = topic.Title(CultureInfo.CurrentUICulture);
            foreach (var assetId in row.Assets.Distinct())
            {
                var result = await SaveRiskScenario.HandleAsync(Db, Membership, null, new SaveRiskScenario.Request
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
                    created++;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        Flash(string.Format(CultureInfo.CurrentCulture, QuickText.ScenariosCreated, created));
        return Redirect($"{Base}/quick/generate?" + string.Join('&', reduce.Select(t => "topics=" + Uri.EscapeDataString(t))));
    }
}
