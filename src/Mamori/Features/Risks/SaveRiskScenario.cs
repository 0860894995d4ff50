using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Risks;

/// <summary>
/// Creates or updates a risk scenario: asset, value, threat (catalog and/or own words),
/// vulnerabilities, protection requirements, Annex A controls, likelihood inputs, treatment
/// and residual likelihood. Every catalog id must exist; stale versions are refused.
/// </summary>
public static class SaveRiskScenario
{
    public sealed record ControlInput(string ControlId, string? Measure);

    public sealed record Request
    {
        public Guid AssetId { get; init; }

        public string? BusinessValue { get; init; }

        public string? ThreatId { get; init; }

        public string? ThreatDescription { get; init; }

        public string? RiskStatement { get; init; }

        public List<string> VulnerabilityIds { get; init; } = [];

        /// <summary>Vulnerabilities in the organization's own words.</summary>
        public List<string> OtherVulnerabilities { get; init; } = [];

        public List<string> ProtectionRequirements { get; init; } = [];

        public List<ControlInput> Controls { get; init; } = [];

        public int? ThreatLikelihood { get; init; }

        public int? VulnerabilityExposure { get; init; }

        public RiskTreatment? Treatment { get; init; }

        public int? ResidualLikelihood { get; init; }

        public string? Owner { get; init; }

        public int Version { get; init; }

        public static Request From(RiskScenario s) => new()
        {
            AssetId = s.AssetId,
            BusinessValue = s.BusinessValue,
            ThreatId = s.Threat?.CatalogId,
            ThreatDescription = s.Threat?.Description,
            RiskStatement = s.RiskStatement,
            VulnerabilityIds = s.Vulnerabilities.Where(v => v.CatalogId is not null).Select(v => v.CatalogId!).ToList(),
            OtherVulnerabilities = s.Vulnerabilities.Where(v => v.CatalogId is null).Select(v => v.Description).ToList(),
            ProtectionRequirements = [.. s.ProtectionRequirements],
            Controls = s.Controls.Select(c => new ControlInput(c.ControlId, c.Measure)).ToList(),
            ThreatLikelihood = s.ThreatLikelihood?.Value,
            VulnerabilityExposure = s.VulnerabilityExposure?.Value,
            Treatment = s.Treatment,
            ResidualLikelihood = s.ResidualLikelihood?.Value,
            Owner = s.Owner,
            Version = s.Version,
        };
    }

    public sealed record Result(SaveStatus Status, RiskScenario? Scenario, IReadOnlyDictionary<string, List<string>> Errors);

    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, Guid? id, Request request, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return new(SaveStatus.Forbidden, null, FieldErrors.None);
        }

        RiskScenario? scenario = null;
        if (id is { } existing)
        {
            scenario = await db.RiskScenarios.SingleOrDefaultAsync(s => s.Id == existing, cancellationToken);
            if (scenario is null)
            {
                return new(SaveStatus.NotFound, null, FieldErrors.None);
            }
        }

        var catalogs = CatalogSet.Default;
        var errors = new FieldErrors();
        if (!await db.Assets.AnyAsync(a => a.Id == request.AssetId, cancellationToken))
        {
            errors.Add(nameof(Request.AssetId), Messages.RiskAssetRequired);
        }

        errors.Text(nameof(Request.RiskStatement), request.RiskStatement, InformationAsset.MaxNotesLength, Messages.RiskStatementRequired);
        errors.Text(nameof(Request.BusinessValue), request.BusinessValue, InformationAsset.MaxNotesLength);
        errors.Text(nameof(Request.ThreatDescription), request.ThreatDescription, InformationAsset.MaxNotesLength);
        errors.Text(nameof(Request.Owner), request.Owner, InformationAsset.MaxTextLength);
        if (!string.IsNullOrEmpty(request.ThreatId) && catalogs.FindThreat(request.ThreatId) is null)
        {
            errors.Add(nameof(Request.ThreatId), string.Format(CultureInfo.CurrentCulture, Messages.CatalogThreatUnknown, request.ThreatId));
        }

        foreach (var unknown in request.VulnerabilityIds.Where(v => catalogs.FindVulnerability(v) is null))
        {
            errors.Add(nameof(Request.VulnerabilityIds), string.Format(CultureInfo.CurrentCulture, Messages.CatalogVulnerabilityUnknown, unknown));
        }

        foreach (var unknown in request.Controls.Where(c => catalogs.FindControl(c.ControlId) is null))
        {
            errors.Add(nameof(Request.Controls), string.Format(CultureInfo.CurrentCulture, Messages.CatalogControlUnknown, unknown.ControlId));
        }

        var threatLikelihood = errors.Rating(nameof(Request.ThreatLikelihood), request.ThreatLikelihood, required: false);
        var exposure = errors.Rating(nameof(Request.VulnerabilityExposure), request.VulnerabilityExposure, required: false);
        var residual = errors.Rating(nameof(Request.ResidualLikelihood), request.ResidualLikelihood, required: false);
        if (request.Treatment is { } treatment && !Enum.IsDefined(treatment))
        {
            errors.Add(nameof(Request.Treatment), Messages.RiskTreatmentUnknown);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, scenario, errors);
        }

        if (scenario is null)
        {
            scenario = new RiskScenario(membership.OrganizationId, request.AssetId, request.RiskStatement!.Trim());
            db.RiskScenarios.Add(scenario);
        }
        else
        {
            db.Entry(scenario).Property(s => s.Version).OriginalValue = request.Version;
            db.Entry(scenario).Property(s => s.AssetId).CurrentValue = request.AssetId;
        }

        var threatText = (request.ThreatDescription ?? "").Trim();
        scenario.RiskStatement = request.RiskStatement!.Trim();
        scenario.BusinessValue = (request.BusinessValue ?? "").Trim();
        scenario.Threat = string.IsNullOrEmpty(request.ThreatId) && threatText.Length == 0
            ? null
            : new ScenarioThreat(string.IsNullOrEmpty(request.ThreatId) ? null : request.ThreatId,
                threatText.Length > 0 ? threatText : catalogs.FindThreat(request.ThreatId!)!.TitleJa);
        scenario.Vulnerabilities.Clear();
        scenario.Vulnerabilities.AddRange(request.VulnerabilityIds.Distinct().Select(v => new ScenarioVulnerability(v, catalogs.FindVulnerability(v)!.TitleJa)));
        scenario.Vulnerabilities.AddRange(Lines(request.OtherVulnerabilities).Select(v => new ScenarioVulnerability(null, v)));
        scenario.ProtectionRequirements.Clear();
        scenario.ProtectionRequirements.AddRange(Lines(request.ProtectionRequirements));
        scenario.Controls.Clear();
        scenario.Controls.AddRange(request.Controls.DistinctBy(c => c.ControlId).Select(c => new ScenarioControl(c.ControlId, (c.Measure ?? "").Trim())));
        scenario.ThreatLikelihood = threatLikelihood;
        scenario.VulnerabilityExposure = exposure;
        scenario.Treatment = request.Treatment;
        scenario.ResidualLikelihood = residual;
        scenario.Owner = (request.Owner ?? "").Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, await db.RiskScenarios.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scenario.Id, cancellationToken), FieldErrors.None);
        }

        return new(SaveStatus.Saved, scenario, FieldErrors.None);
    }

    /// <summary>Non-empty trimmed lines, from list items that may themselves hold several lines.</summary>
    public static IEnumerable<string> Lines(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split('\n')).Select(v => v.Trim()).Where(v => v.Length > 0);
}
