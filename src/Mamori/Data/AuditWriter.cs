using System.Text.Json;
using Mamori.Data.Configurations;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Data;

/// <summary>
/// Writes the audit log of one context: an entry for every row of an organization's data added,
/// changed or deleted, saved in the same transaction as the write and linked into the
/// organization's hash chain (<see cref="AuditChain"/>).
/// </summary>
internal sealed class AuditWriter(MamoriDb db, Actor actor)
{
    // Entries added but not yet stored; chained again on each save until one succeeds.
    private readonly List<AuditEntry> _unsaved = [];

    /// <summary>Adds an entry for each written row that belongs to an organization (or is one).</summary>
    public void Record(IEnumerable<EntityEntry> written)
    {
        var audit = new List<AuditEntry>();
        foreach (var entry in written)
        {
            var organizationId = entry.Entity switch
            {
                IBelongsToOrganization owned => owned.OrganizationId,
                Organization organization => organization.Id,
                _ => (Guid?)null,
            };
            if (organizationId is { } id)
            {
                audit.Add(EntryFor(entry, id));
            }
        }

        db.AuditEntries.AddRange(audit);
        _unsaved.AddRange(audit);
    }

    /// <summary>Saves through <paramref name="save"/>, with the pending entries chained in the same transaction.</summary>
    public int Save(Func<int> save)
    {
        if (Pending() is not { Count: > 0 } pending)
        {
            return save();
        }

        var own = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        try
        {
            AuditChain.Append(db, pending);
            var written = save();
            own?.Commit();
            _unsaved.Clear();
            return written;
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <inheritdoc cref="Save"/>
    public async Task<int> SaveAsync(Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        if (Pending() is not { Count: > 0 } pending)
        {
            return await save(cancellationToken);
        }

        // The chain's tail is read and extended in one transaction under a per-organization lock.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AuditChain.AppendAsync(db, pending, cancellationToken);
            var written = await save(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            _unsaved.Clear();
            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private List<AuditEntry> Pending()
    {
        _unsaved.RemoveAll(e => db.Entry(e).State != EntityState.Added);
        return _unsaved;
    }

    private AuditEntry EntryFor(EntityEntry entry, Guid organizationId)
    {
        var properties = entry.Properties.Where(p => IsAudited(p.Metadata)).ToList();
        Dictionary<string, object?> Values(IEnumerable<PropertyEntry> chosen, bool original) =>
            chosen.ToDictionary(p => p.Metadata.Name, p => AuditValue(p.Metadata, original ? p.OriginalValue : p.CurrentValue));

        var (action, before, after) = entry.State switch
        {
            EntityState.Added => (AuditAction.Created, null, Values(properties, original: false)),
            EntityState.Deleted => (AuditAction.Deleted, Values(properties, original: true), null),
            _ => (AuditAction.Updated,
                Values(properties.Where(p => p.IsModified), original: true),
                Values(properties.Where(p => p.IsModified), original: false)),
        };

        return new AuditEntry(
            organizationId,
            actor.Time.GetUtcNow(),
            actor.Name,
            action,
            entry.Metadata.ClrType.Name,
            entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue?.ToString() ?? "",
            before is null ? null : JsonSerializer.Serialize(before, StoredJson.Options),
            after is null ? null : JsonSerializer.Serialize(after, StoredJson.Options));
    }

    // File contents stay out of the log; their name, size and type are in it. Derived columns are shadows.
    private static bool IsAudited(IProperty property) =>
        !property.IsShadowProperty() && property.Name is not "Version" && property.ClrType != typeof(byte[]);

    // Values as stored (a Rating as its number, a scheme as its key), which is how an auditor reads them.
    private static object? AuditValue(IProperty property, object? value) =>
        value is not null && property.GetValueConverter() is { } converter ? converter.ConvertToProvider(value) : value;
}
