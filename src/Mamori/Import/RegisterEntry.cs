using Mamori.Domain.Assets;
using Mamori.Domain.Risk;

namespace Mamori.Import;

/// <summary>One valid row of a register file, before it becomes an asset: a value per column, as the column's <see cref="RegisterColumn.Get"/> gives it.</summary>
public sealed class RegisterEntry
{
    private readonly RegisterColumn[] _columns;
    private readonly object?[] _values;

    internal RegisterEntry(int rowNumber, RegisterColumn[] columns, object?[] values, RegisterOwner owner)
    {
        RowNumber = rowNumber;
        _columns = columns;
        _values = values;
        Asset = ToAsset(owner.OrganizationId, owner.Today, owner.NextId());
    }

    public int RowNumber { get; }

    /// <summary>The row as an asset of the parser's <see cref="RegisterOwner"/> (none by default: 登録日 is then default when the row has none).</summary>
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
        // Every field is set by its column, the name and the ratings (required columns) included.
        var asset = new InformationAsset(id ?? Guid.CreateVersion7(), organizationId, "-", default, default, default) { RegisteredOn = today };
        Rating? threat = null, vulnerability = null, likelihood = null;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_values[i] is not { } value)
            {
                continue;
            }

            var column = _columns[i];
            column.Set?.Invoke(asset, value);
            if (column == RegisterColumns.ThreatLikelihood)
            {
                threat = (Rating)value;
            }
            else if (column == RegisterColumns.VulnerabilityExposure)
            {
                vulnerability = (Rating)value;
            }
            else if (column == RegisterColumns.Likelihood)
            {
                likelihood = (Rating)value;
            }
        }

        if (threat is { } t && vulnerability is { } v)
        {
            asset.AssessLikelihood(t, v);
        }
        else if (likelihood is { } given)
        {
            asset.SetLikelihood(given);
        }

        return asset;
    }
}

/// <summary>Whose assets a register's rows become: the organization, 登録日 for a row without one, and their ids.</summary>
internal sealed record RegisterOwner(Guid OrganizationId, DateOnly Today, Func<Guid> NextId)
{
    /// <summary>No one's: the rows are only read (assess, tests).</summary>
    public static RegisterOwner None { get; } = new(Guid.Empty, default, () => Guid.Empty);
}
