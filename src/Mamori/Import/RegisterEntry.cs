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
        (RowNumber, _columns, _values) = (rowNumber, columns, values);
        Asset = ToAsset(owner.OrganizationId, owner.Today, owner.NextId());
    }

    public int RowNumber { get; }

    /// <summary>The row as an asset of the parser's <see cref="RegisterOwner"/> (none by default: 登録日 is then default when the row has none).</summary>
    public InformationAsset Asset { get; }

    /// <summary>登録日 as the file gives it; null when it has none (the asset's is then the owner's today).</summary>
    public DateOnly? RegisteredOn => this[RegisterColumns.RegisteredOn] as DateOnly?;

    /// <summary>The value read for <paramref name="column"/>; null when it was empty or not in the file.</summary>
    public object? this[RegisterColumn column] => Array.IndexOf(_columns, column) is var i and >= 0 ? _values[i] : null;

    /// <summary>The asset this row describes; 登録日 defaults to <paramref name="today"/>.</summary>
    /// <param name="id">Its id; a new version-7 id by default.</param>
    public InformationAsset ToAsset(Guid organizationId, DateOnly today, Guid? id = null)
    {
        // Every field is set by its column, the name and the ratings (required columns) included.
        var asset = new InformationAsset(id ?? Guid.CreateVersion7(), organizationId, "-", default, default, default) { RegisteredOn = today };
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
        else if (this[RegisterColumns.Likelihood] is Rating given)
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
