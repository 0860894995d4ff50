using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Catalog;
using Mamori.Domain.Risk;
using Mamori.Features.Quick;
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

        var rows = Rows.Select(r => new AssessThreats.Row(r.Topic, r.Assets, r.ThreatLikelihood, r.VulnerabilityExposure, r.Treatment)).ToList();
        var result = (await AssessThreats.HandleAsync(Db, Membership, rows, CultureInfo.CurrentUICulture, cancellationToken))!;
        Flash(string.Format(CultureInfo.CurrentCulture, QuickText.ScenariosCreated, result.Scenarios.Count));
        return Redirect($"{Base}/quick/generate?" + string.Join('&', result.Reduce.Select(t => "topics=" + Uri.EscapeDataString(t))));
    }
}
