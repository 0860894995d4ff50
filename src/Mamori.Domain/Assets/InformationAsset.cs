using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;

namespace Mamori.Domain.Assets;

/// <summary>
/// One row of the 情報資産管理台帳 (information asset register), with the seed's
/// columns, the IPA sheet's personal-information flags and the likelihood inputs
/// of its risk analysis. 重要度 and リスク値 are derived, never stored by hand.
/// </summary>
public sealed class InformationAsset : IBelongsToOrganization
{
    public const int MaxTextLength = 200;
    public const int MaxNotesLength = 1000;

    private string _name = "";

    public InformationAsset(Guid organizationId, string name, Rating confidentiality, Rating integrity, Rating availability)
        : this(Guid.CreateVersion7(), organizationId, name, confidentiality, integrity, availability)
    {
    }

    // For EF Core, which picks the constructor with the fewest parameters it can bind: loading an asset
    // through the public one would draw a new id (a system call) only to overwrite it with the stored one.
    private InformationAsset()
    {
    }

    /// <param name="id">A version-7 id from the caller, which makes many assets at once (an import draws their ids in batches).</param>
    public InformationAsset(Guid id, Guid organizationId, string name, Rating confidentiality, Rating integrity, Rating availability)
    {
        Id = id;
        OrganizationId = organizationId;
        Name = name;
        Confidentiality = confidentiality;
        Integrity = integrity;
        Availability = availability;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>業務分類</summary>
    public string BusinessCategory { get; set; } = "";

    /// <summary>情報資産名称: required, unique within its 業務分類.</summary>
    public string Name
    {
        get => _name;
        set => _name = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("An asset needs a name (情報資産名称).", nameof(value))
            : value.Trim();
    }

    /// <summary>備考</summary>
    public string Notes { get; set; } = "";

    /// <summary>利用者範囲</summary>
    public string UserScope { get; set; } = "";

    /// <summary>リスク所有者</summary>
    public string RiskOwner { get; set; } = "";

    /// <summary>管理部署</summary>
    public string Department { get; set; } = "";

    /// <summary>媒体・保存先</summary>
    public string MediaAndLocation { get; set; } = "";

    /// <summary>個人情報 / 要配慮個人情報 / 特定個人情報</summary>
    public PersonalInformationKinds PersonalInformation { get; set; }

    /// <summary>保存期限, as the register writes it (e.g. 「5年」 or 「2030年3月末」).</summary>
    public string RetentionPeriod { get; set; } = "";

    /// <summary>登録日</summary>
    public DateOnly RegisteredOn { get; set; }

    /// <summary>機密性</summary>
    public Rating Confidentiality { get; set; }

    /// <summary>完全性</summary>
    public Rating Integrity { get; set; }

    /// <summary>可用性</summary>
    public Rating Availability { get; set; }

    /// <summary>脅威の起こりやすさ, when the likelihood was derived from threat and vulnerability.</summary>
    public Rating? ThreatLikelihood { get; private set; }

    /// <summary>脆弱性のつけ込みやすさ, when the likelihood was derived from threat and vulnerability.</summary>
    public Rating? VulnerabilityExposure { get; private set; }

    /// <summary>被害発生可能性, once assessed.</summary>
    public Rating? Likelihood { get; private set; }

    /// <summary>Incremented on every change, so two people editing at once cannot overwrite each other.</summary>
    public int Version { get; set; }

    public bool HoldsPersonalInformation => PersonalInformation != PersonalInformationKinds.None;

    /// <summary>重要度 by the IPA rule.</summary>
    public Rating Importance => Risk.Importance.Of(Confidentiality, Integrity, Availability, HoldsPersonalInformation);

    /// <summary>リスク値, once the likelihood is assessed.</summary>
    public RiskValue? RiskValue => Likelihood is { } likelihood ? Risk.RiskValue.Of(Importance, likelihood) : null;

    /// <summary>Records 被害発生可能性 from 脅威の起こりやすさ and 脆弱性のつけ込みやすさ.</summary>
    public void AssessLikelihood(Rating threat, Rating vulnerability)
    {
        ThreatLikelihood = threat;
        VulnerabilityExposure = vulnerability;
        Likelihood = Risk.Likelihood.From(threat, vulnerability);
    }

    /// <summary>Records 被害発生可能性 given directly, as the seed's register does.</summary>
    public void SetLikelihood(Rating likelihood)
    {
        ThreatLikelihood = null;
        VulnerabilityExposure = null;
        Likelihood = likelihood;
    }

    public void ClearLikelihood()
    {
        ThreatLikelihood = null;
        VulnerabilityExposure = null;
        Likelihood = null;
    }
}
