using System.Globalization;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Features;
using Mamori.Features.Risks;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Risks;

/// <summary>
/// A risk scenario as the seed's laptop example: asset, value, threat (with origin),
/// vulnerabilities, protection requirements, Annex A controls, likelihood inputs with the
/// computation shown, treatment, residual risk, and the relation-case check inline.
/// </summary>
public sealed class EditModel : OrganizationPage
{
    [BindProperty]
    public RiskForm Form { get; set; } = new();

    [FromRoute(Name = "id")]
    public string RouteId { get; set; } = "";

    public bool IsNew => RouteId == "new";

    public InformationAsset? Asset { get; private set; }

    public RiskScenario? Scenario { get; private set; }

    public RelationOutcome? Outcome => Scenario is null ? null : RelationCheck.Evaluate(Scenario);

    public async Task<IActionResult> OnGetAsync(Guid? asset, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (IsNew)
        {
            if (Require(Membership.CanManageRisks) is { } cannot)
            {
                return cannot;
            }

            Asset = asset is { } assetId ? await Db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken) : null;
            if (Asset is null)
            {
                return Redirect($"{Base}/assets");
            }

            Form = new RiskForm { AssetId = Asset.Id, Owner = Asset.RiskOwner };
            return Page();
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guid? id = IsNew ? null : Guid.TryParse(RouteId, out var parsed) ? parsed : Guid.Empty;
        if (id == Guid.Empty)
        {
            return NotFound();
        }

        var result = await SaveRiskScenario.HandleAsync(Db, Membership, id, Form.ToRequest(), cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(IsNew ? RiskText.Created : RiskText.Updated);
            return Redirect($"{Base}/risks/{result.Scenario!.Id}");
        }

        ShowProblems(result.Status, result.Errors, nameof(Form), field => field == nameof(SaveRiskScenario.Request.Controls) ? nameof(RiskForm.SelectedControls) : field);
        if (result.Status == SaveStatus.Conflict && result.Scenario is { } latest)
        {
            Form = RiskForm.From(latest);
        }

        Asset = await Db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Form.AssetId, cancellationToken);
        if (!IsNew)
        {
            Scenario = await Db.RiskScenarios.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostTasksAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(RouteId, out var id))
        {
            return NotFound();
        }

        var created = await TreatRiskScenario.CreateTasksAsync(Db, Membership, id, Today, cancellationToken);
        if (created is null)
        {
            return Membership.CanManageRisks ? NotFound() : Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, RiskText.TasksCreated, created));
        return Redirect($"{Base}/treatments");
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(RouteId, out var id))
        {
            return NotFound();
        }

        var who = User.Identity?.Name ?? "";
        if (!await TreatRiskScenario.AcceptAsync(Db, Membership, id, who, Today, cancellationToken))
        {
            return Membership.CanManageRisks ? NotFound() : Forbid();
        }

        Flash(CommonText.Saved);
        return Redirect($"{Base}/risks/{id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(RouteId, out var id))
        {
            return false;
        }

        Scenario = await Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Scenario is null)
        {
            return false;
        }

        Asset = Scenario.Asset;
        Form = RiskForm.From(Scenario);
        return true;
    }

    /// <summary>The form's shape: checkboxes and text areas, turned into the use case's request.</summary>
    public sealed class RiskForm
    {
        public Guid AssetId { get; set; }

        public string? BusinessValue { get; set; }

        public string? ThreatId { get; set; }

        public string? ThreatDescription { get; set; }

        public string? RiskStatement { get; set; }

        public List<string> VulnerabilityIds { get; set; } = [];

        public string? OtherVulnerabilities { get; set; }

        public string? ProtectionRequirements { get; set; }

        public List<string> SelectedControls { get; set; } = [];

        public Dictionary<string, string?> Measures { get; set; } = [];

        public int? ThreatLikelihood { get; set; }

        public int? VulnerabilityExposure { get; set; }

        public RiskTreatment? Treatment { get; set; }

        public int? ResidualLikelihood { get; set; }

        public string? Owner { get; set; }

        public int Version { get; set; }

        public SaveRiskScenario.Request ToRequest() => new()
        {
            AssetId = AssetId,
            BusinessValue = BusinessValue,
            ThreatId = ThreatId,
            ThreatDescription = ThreatDescription,
            RiskStatement = RiskStatement,
            VulnerabilityIds = VulnerabilityIds,
            OtherVulnerabilities = [OtherVulnerabilities ?? ""],
            ProtectionRequirements = [ProtectionRequirements ?? ""],
            Controls = SelectedControls.Select(c => new SaveRiskScenario.ControlInput(c, Measures.GetValueOrDefault(c))).ToList(),
            ThreatLikelihood = ThreatLikelihood,
            VulnerabilityExposure = VulnerabilityExposure,
            Treatment = Treatment,
            ResidualLikelihood = ResidualLikelihood,
            Owner = Owner,
            Version = Version,
        };

        public static RiskForm From(RiskScenario s)
        {
            var request = SaveRiskScenario.Request.From(s);
            return new RiskForm
            {
                AssetId = request.AssetId,
                BusinessValue = request.BusinessValue,
                ThreatId = request.ThreatId,
                ThreatDescription = request.ThreatDescription,
                RiskStatement = request.RiskStatement,
                VulnerabilityIds = request.VulnerabilityIds,
                OtherVulnerabilities = string.Join('\n', request.OtherVulnerabilities),
                ProtectionRequirements = string.Join('\n', request.ProtectionRequirements),
                SelectedControls = request.Controls.Select(c => c.ControlId).ToList(),
                Measures = request.Controls.ToDictionary(c => c.ControlId, c => c.Measure),
                ThreatLikelihood = request.ThreatLikelihood,
                VulnerabilityExposure = request.VulnerabilityExposure,
                Treatment = request.Treatment,
                ResidualLikelihood = request.ResidualLikelihood,
                Owner = request.Owner,
                Version = request.Version,
            };
        }
    }
}
