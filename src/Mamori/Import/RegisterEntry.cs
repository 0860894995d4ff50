using Mamori.Domain.Assets;
using Mamori.Domain.Risk;

namespace Mamori.Import;

/// <summary>One valid row of a register file, before it becomes an asset.</summary>
public sealed record RegisterEntry(
    int RowNumber,
    string BusinessCategory,
    string Name,
    string Notes,
    string UserScope,
    string RiskOwner,
    string Department,
    string MediaAndLocation,
    PersonalInformationKinds PersonalInformation,
    Rating Confidentiality,
    Rating Integrity,
    Rating Availability,
    string RetentionPeriod,
    DateOnly? RegisteredOn,
    Rating? ThreatLikelihood,
    Rating? VulnerabilityExposure,
    Rating? Likelihood)
{
    public Rating Importance =>
        Domain.Risk.Importance.Of(Confidentiality, Integrity, Availability, PersonalInformation != PersonalInformationKinds.None);

    public RiskValue? RiskValue => Likelihood is { } likelihood ? Domain.Risk.RiskValue.Of(Importance, likelihood) : null;

    /// <summary>The asset this row describes; 登録日 defaults to <paramref name="today"/>.</summary>
    /// <param name="id">Its id, when the caller draws them in batches; a new version-7 id otherwise.</param>
    public InformationAsset ToAsset(Guid organizationId, DateOnly today, Guid? id = null)
    {
        var asset = new InformationAsset(id ?? Guid.CreateVersion7(), organizationId, Name, Confidentiality, Integrity, Availability)
        {
            BusinessCategory = BusinessCategory,
            Notes = Notes,
            UserScope = UserScope,
            RiskOwner = RiskOwner,
            Department = Department,
            MediaAndLocation = MediaAndLocation,
            PersonalInformation = PersonalInformation,
            RetentionPeriod = RetentionPeriod,
            RegisteredOn = RegisteredOn ?? today,
        };
        if (ThreatLikelihood is { } threat && VulnerabilityExposure is { } vulnerability)
        {
            asset.AssessLikelihood(threat, vulnerability);
        }
        else if (Likelihood is { } likelihood)
        {
            asset.SetLikelihood(likelihood);
        }

        return asset;
    }
}
