using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;

namespace Mamori.Domain.Risk;

/// <summary>
/// A risk written as the seed's laptop example writes it: 資産, 価値, 脅威, リスク, 脆弱性,
/// 保護要求事項 and 管理策, with the likelihood inputs, the treatment decision and the
/// residual risk the risk owner accepts.
/// </summary>
public sealed class RiskScenario : IBelongsToOrganization
{
    public RiskScenario(Guid organizationId, Guid assetId, string riskStatement)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        AssetId = assetId;
        RiskStatement = riskStatement;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>資産</summary>
    public Guid AssetId { get; private set; }

    public InformationAsset? Asset { get; private set; }

    /// <summary>価値: why the asset matters to the business.</summary>
    public string BusinessValue { get; set; } = "";

    /// <summary>脅威. Absent when a control was adopted with no threat in mind (the seed's case 5).</summary>
    public ScenarioThreat? Threat { get; set; }

    /// <summary>リスク: what could happen, e.g. 「盗難による情報漏えい」.</summary>
    public string RiskStatement { get; set; }

    /// <summary>脆弱性</summary>
    public List<ScenarioVulnerability> Vulnerabilities { get; private set; } = [];

    /// <summary>保護要求事項</summary>
    public List<string> ProtectionRequirements { get; private set; } = [];

    /// <summary>管理策, each with an Annex A reference.</summary>
    public List<ScenarioControl> Controls { get; private set; } = [];

    /// <summary>脅威の起こりやすさ</summary>
    public Rating? ThreatLikelihood { get; set; }

    /// <summary>脆弱性のつけ込みやすさ</summary>
    public Rating? VulnerabilityExposure { get; set; }

    public RiskTreatment? Treatment { get; set; }

    /// <summary>被害発生可能性 after the controls are in place.</summary>
    public Rating? ResidualLikelihood { get; set; }

    /// <summary>リスク所有者 who decides on treatment and accepts the residual risk.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Who accepted the residual risk, when it was accepted.</summary>
    public string? AcceptedBy { get; private set; }

    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>Incremented on every change, so two people editing at once cannot overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>被害発生可能性 from the two inputs, once both are set.</summary>
    public Rating? Likelihood =>
        ThreatLikelihood is { } threat && VulnerabilityExposure is { } vulnerability
            ? Risk.Likelihood.From(threat, vulnerability)
            : null;

    /// <summary>リスク値 before treatment, given the asset's 重要度.</summary>
    public RiskValue? InherentRisk(Rating importance) =>
        Likelihood is { } likelihood ? RiskValue.Of(importance, likelihood) : null;

    /// <summary>残留リスク: the risk value once the controls work.</summary>
    public RiskValue? ResidualRisk(Rating importance) =>
        ResidualLikelihood is { } likelihood ? RiskValue.Of(importance, likelihood) : null;

    /// <summary>The risk owner signs off the residual risk.</summary>
    public void AcceptResidualRisk(string acceptedBy, DateOnly acceptedOn)
    {
        if (string.IsNullOrWhiteSpace(acceptedBy))
        {
            throw new ArgumentException("Acceptance needs the name of who accepted.", nameof(acceptedBy));
        }

        AcceptedBy = acceptedBy.Trim();
        AcceptedOn = acceptedOn;
    }
}

/// <summary>A scenario's threat: a catalog threat, or the organization's own words, or both.</summary>
public sealed record ScenarioThreat(string? CatalogId, string Description);

/// <summary>A scenario's vulnerability: a catalog entry, or the organization's own words, or both.</summary>
public sealed record ScenarioVulnerability(string? CatalogId, string Description);

/// <summary>A control as applied in a scenario: the measure in the organization's words and its Annex A id.</summary>
public sealed record ScenarioControl(string ControlId, string Measure);
