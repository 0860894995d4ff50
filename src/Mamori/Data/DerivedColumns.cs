using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mamori.Data;

/// <summary>
/// Shadow columns whose values follow from their entity (an asset's 重要度 and リスク値, a scenario's
/// likelihood and relation check, when a row last changed): kept as columns so that lists filter,
/// sort and page on them in SQL; set on every write, never audited.
/// </summary>
internal static class DerivedColumns
{
    private static readonly HashSet<string> Names =
        [MamoriDb.StoredImportance, MamoriDb.StoredRiskValue, MamoriDb.StoredLikelihood, MamoriDb.StoredRelation, MamoriDb.ChangedAt];

    /// <summary>Sets the derived columns of a row being added or changed.</summary>
    public static void Refresh(EntityEntry entry, DateTimeOffset now)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified))
        {
            return;
        }

        foreach (var property in entry.Metadata.GetProperties().Where(p => Names.Contains(p.Name)))
        {
            entry.Property(property.Name).CurrentValue = ValueOf(entry.Entity, property.Name, now);
        }
    }

    /// <summary>The value of a derived column: what SaveChanges writes, and the bulk insert writes for rows that skip the change tracker.</summary>
    public static object? ValueOf(object? entity, string property, DateTimeOffset now) => (entity, property) switch
    {
        (InformationAsset asset, MamoriDb.StoredImportance) => asset.Importance.Value,
        (InformationAsset asset, MamoriDb.StoredRiskValue) => asset.RiskValue?.Value,
        (RiskScenario scenario, MamoriDb.StoredLikelihood) => scenario.Likelihood?.Value,
        (RiskScenario scenario, MamoriDb.StoredRelation) => (int)RelationCheck.Evaluate(scenario),
        (_, MamoriDb.ChangedAt) => now.ToUniversalTime(),
        _ => throw new InvalidOperationException($"No value for {entity?.GetType().Name}.{property} outside the change tracker."),
    };
}
