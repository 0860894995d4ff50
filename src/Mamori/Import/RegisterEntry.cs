using Mamori.Domain.Assets;
using Mamori.Domain.Risk;

namespace Mamori.Import;

/// <summary>One valid row of a register file, before it becomes an asset: a value per column, as the column's <see cref="RegisterColumn.Get"/> gives it.</summary>
public sealed class RegisterEntry
{
    private readonly RegisterColumn[] _columns;
    private readonly object?[] _values;

    internal RegisterEntry(int rowNumber, RegisterColumn[] columns, object?[] values)
    {
        RowNumber = rowNumber;
        _columns = columns;
        _values = values;
        Asset = ToAsset(Guid.Empty, default, Guid.Empty);
    }

    public int RowNumber { get; }

    /// <summary>The row as an asset of no organization, with 重要度, 被害発生可能性 and リスク値 computed; 登録日 is default when the row has none.</summary>
    public InformationAsset Asset { get; }

    // The asset's fields, as callers read a row before storing it.
    public string BusinessCategory => Asset.BusinessCategory;
    public string Name => Asset.Name;
    public string Notes => Asset.Notes;
    public string UserScope => Asset.UserScope;
    public string RiskOwner => Asset.RiskOwner;
    public string Department => Asset.Department;
    public string MediaAndLocation => Asset.MediaAndLocation;
    public PersonalInformationKinds PersonalInformation => Asset.PersonalInformation;
    public Rating Confidentiality => Asset.Confidentiality;
    public Rating Integrity => Asset.Integrity;
    public Rating Availability => Asset.Availability;
    public Rating Importance => Asset.Importance;
    public string RetentionPeriod => Asset.RetentionPeriod;
    public DateOnly? RegisteredOn => this[RegisterColumns.RegisteredOn] as DateOnly?;
    public Rating? ThreatLikelihood => Asset.ThreatLikelihood;
    public Rating? VulnerabilityExposure => Asset.VulnerabilityExposure;
    public Rating? Likelihood => Asset.Likelihood;
    public RiskValue? RiskValue => Asset.RiskValue;

    /// <summary>The value read for <paramref name="column"/>; null when it was empty or not in the file.</summary>
    public object? this[RegisterColumn column] => Array.IndexOf(_columns, column) is var i and >= 0 ? _values[i] : null;

    /// <summary>The asset this row describes; 登録日 defaults to <paramref name="today"/>.</summary>
    /// <param name="id">Its id, when the caller draws them in batches; a new version-7 id otherwise.</param>
    public InformationAsset ToAsset(Guid organizationId, DateOnly today, Guid? id = null)
    {
        var asset = new InformationAsset(
            id ?? Guid.CreateVersion7(),
            organizationId,
            (string)this[RegisterColumns.Name]!,
            (Rating)this[RegisterColumns.Confidentiality]!,
            (Rating)this[RegisterColumns.Integrity]!,
            (Rating)this[RegisterColumns.Availability]!)
        {
            RegisteredOn = today,
        };
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_values[i] is { } value)
            {
                _columns[i].Set?.Invoke(asset, value);
            }
        }

        if (this[RegisterColumns.ThreatLikelihood] is Rating threat && this[RegisterColumns.VulnerabilityExposure] is Rating vulnerability)
        {
            asset.AssessLikelihood(threat, vulnerability);
        }
        else if (this[RegisterColumns.Likelihood] is Rating likelihood)
        {
            asset.SetLikelihood(likelihood);
        }

        return asset;
    }
}
