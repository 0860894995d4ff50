using System.Text.Encodings.Web;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Data;

/// <summary>Who is writing, for the audit log, and the clock that dates it.</summary>
public sealed record Actor(string Name, TimeProvider Time)
{
    public static Actor System { get; } = new("system", TimeProvider.System);
}

/// <summary>
/// The product's database. A context is opened for one organization, and every query
/// and every write through it is confined to that organization's rows; a context opened
/// for no organization sees organizations and accounts only. Every write to an
/// organization's data is recorded in its audit log in the same transaction. Each provider
/// has its own subclass so that it keeps its own migration set.
/// </summary>
public abstract partial class MamoriDb : IdentityDbContext<MamoriUser>, IDataProtectionKeyContext
{
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The column holding an asset's 重要度 (query with EF.Property&lt;int&gt;).</summary>
    public const string StoredImportance = "ImportanceValue";

    /// <summary>The column holding an asset's リスク値, null until its likelihood is assessed.</summary>
    public const string StoredRiskValue = "RiskValueValue";

    /// <summary>The column holding a risk scenario's 被害発生可能性, null until both of its ratings are set.</summary>
    public const string StoredLikelihood = "LikelihoodValue";

    /// <summary>The column holding a risk scenario's <see cref="RelationOutcome"/> (the seed's relation check).</summary>
    public const string StoredRelation = "RelationValue";

    /// <summary>The stored <see cref="StoredRelation"/> values that need attention, for queries.</summary>
    public static readonly IReadOnlyList<int?> RelationsNeedingAttention =
        [.. Enum.GetValues<RelationOutcome>().Where(RelationCheck.NeedsAttention).Select(o => (int?)o)];

    /// <summary>When an asset or risk scenario last changed (documents resting on it may need revising).</summary>
    public const string ChangedAt = "ChangedAt";

    // Read by the query filters on every query; Guid.Empty matches no row.
    private readonly Guid _organizationId;
    private readonly Actor _actor;

    // Audit entries added but not yet stored; chained again on each save until one succeeds.
    private readonly List<AuditEntry> _unsavedAudit = [];

    protected MamoriDb(DbContextOptions options, Guid? organizationId, Actor? actor)
        : base(options)
    {
        _organizationId = organizationId ?? Guid.Empty;
        _actor = actor ?? Actor.System;
    }

    /// <summary>The organization this context is confined to, if any.</summary>
    public Guid? OrganizationId => _organizationId == Guid.Empty ? null : _organizationId;

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<InformationAsset> Assets => Set<InformationAsset>();

    public DbSet<RegisterImport> RegisterImports => Set<RegisterImport>();

    public DbSet<RiskScenario> RiskScenarios => Set<RiskScenario>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<TreatmentTask> TreatmentTasks => Set<TreatmentTask>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<PolicyDocument> PolicyDocuments => Set<PolicyDocument>();

    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();

    public DbSet<PolicyRole> PolicyRoles => Set<PolicyRole>();

    public DbSet<Acknowledgement> Acknowledgements => Set<Acknowledgement>();

    public DbSet<Domain.Baseline.DiagnosisResponse> DiagnosisResponses => Set<Domain.Baseline.DiagnosisResponse>();

    public DbSet<Domain.Soa.SoaEntry> SoaEntries => Set<Domain.Soa.SoaEntry>();

    public DbSet<Domain.Soa.SoaEvidenceFile> SoaEvidenceFiles => Set<Domain.Soa.SoaEvidenceFile>();

    /// <summary>ASP.NET Core's data-protection keys, shared by every web node on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareWrites();
        if (PendingAudit() is not { Count: > 0 } pending)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        try
        {
            AuditChain.Append(this, pending);
            var written = base.SaveChanges(acceptAllChangesOnSuccess);
            own?.Commit();
            _unsavedAudit.Clear();
            return written;
        }
        finally
        {
            own?.Dispose();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareWrites();
        if (PendingAudit() is not { Count: > 0 } pending)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The chain's tail is read and extended in one transaction under a per-organization lock.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AuditChain.AppendAsync(this, pending, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            _unsavedAudit.Clear();
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

    private List<AuditEntry> PendingAudit()
    {
        _unsavedAudit.RemoveAll(e => Entry(e).State != EntityState.Added);
        return _unsavedAudit;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Rating>().HaveConversion<RatingConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<MamoriUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(InformationAsset.MaxTextLength);
            user.Property(u => u.PreferredLanguage).HasMaxLength(8);
        });

        modelBuilder.Entity<PersonalAccessToken>(token =>
        {
            token.HasKey(t => t.Id);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne<MamoriUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            token.Property(t => t.Name).HasMaxLength(InformationAsset.MaxTextLength);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.Property(t => t.Hint).HasMaxLength(16);
        });

        modelBuilder.Entity<Membership>(membership =>
        {
            membership.HasKey(m => m.Id);
            membership.HasQueryFilter(m => m.OrganizationId == _organizationId);
            membership.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<MamoriUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            membership.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
            membership.HasIndex(m => m.UserId);
            membership.Property(m => m.Department).HasMaxLength(InformationAsset.MaxTextLength);
            membership.Property(m => m.Audiences).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
            membership.Ignore(m => m.CanEditDocuments);
            membership.Ignore(m => m.CanApproveDocuments);
            membership.Ignore(m => m.CanReadRegister);
            membership.Ignore(m => m.CanManageRisks);
            membership.Ignore(m => m.CanCreateAssets);
            membership.Ignore(m => m.CanReadAuditLog);
            membership.Ignore(m => m.CanAdministerOrganization);
        });

        modelBuilder.Entity<TreatmentTask>(task =>
        {
            task.HasKey(t => t.Id);
            task.HasQueryFilter(t => t.OrganizationId == _organizationId);
            task.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            task.HasOne<RiskScenario>().WithMany().HasForeignKey(t => t.RiskScenarioId).OnDelete(DeleteBehavior.SetNull);
            task.HasIndex(t => new { t.OrganizationId, t.Status, t.DueOn });
            task.Property(t => t.Title).HasMaxLength(InformationAsset.MaxTextLength);
            task.Property(t => t.Owner).HasMaxLength(InformationAsset.MaxTextLength);
            task.Property(t => t.ControlId).HasMaxLength(8);
            task.Property(t => t.Notes).HasMaxLength(InformationAsset.MaxNotesLength);
            task.Property(t => t.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.HasQueryFilter(e => e.OrganizationId == _organizationId);
            entry.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            entry.HasIndex(e => new { e.OrganizationId, e.At });
            // Two writers can never both append the same position: one of them fails and nothing forks.
            entry.HasIndex(e => new { e.OrganizationId, e.Sequence }).IsUnique();
            entry.Property(e => e.PreviousHash).HasMaxLength(64);
            entry.Property(e => e.Hash).HasMaxLength(64);
            entry.Property(e => e.Actor).HasMaxLength(InformationAsset.MaxTextLength);
            entry.Property(e => e.EntityType).HasMaxLength(64);
            entry.Property(e => e.EntityId).HasMaxLength(64);
        });

        modelBuilder.Entity<PolicyDocument>(document =>
        {
            document.HasKey(d => d.Id);
            document.HasQueryFilter(d => d.OrganizationId == _organizationId);
            document.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            document.HasIndex(d => new { d.OrganizationId, d.Kind, d.Number });
            document.Property(d => d.Number).HasMaxLength(32);
            document.Property(d => d.SourceKey).HasMaxLength(128);
            document.HasIndex(d => new { d.OrganizationId, d.SourceKey });
            document.Property(d => d.Title).HasMaxLength(InformationAsset.MaxTextLength);
            document.Property(d => d.Scope).HasMaxLength(InformationAsset.MaxNotesLength);
            document.Property(d => d.Audiences).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
            document.Property(d => d.ControlIds).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
            document.Property(d => d.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<DocumentVersion>(version =>
        {
            version.HasKey(v => v.Id);
            version.HasQueryFilter(v => v.OrganizationId == _organizationId);
            version.HasOne<PolicyDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
            version.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
            version.Property(v => v.Summary).HasMaxLength(InformationAsset.MaxNotesLength);
            version.Property(v => v.Author).HasMaxLength(InformationAsset.MaxTextLength);
            version.Property(v => v.ApprovedBy).HasMaxLength(InformationAsset.MaxTextLength);
            version.Ignore(v => v.IsEditable);
        });

        modelBuilder.Entity<PolicyRole>(role =>
        {
            role.HasKey(r => r.Id);
            role.HasQueryFilter(r => r.OrganizationId == _organizationId);
            role.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            role.Property(r => r.Title).HasMaxLength(InformationAsset.MaxTextLength);
            role.Property(r => r.Responsibility).HasMaxLength(InformationAsset.MaxNotesLength);
            role.Property(r => r.Holders).HasMaxLength(InformationAsset.MaxNotesLength);
            role.Property(r => r.Key).HasMaxLength(64);
        });

        modelBuilder.Entity<Acknowledgement>(acknowledgement =>
        {
            acknowledgement.HasKey(a => a.Id);
            acknowledgement.HasQueryFilter(a => a.OrganizationId == _organizationId);
            acknowledgement.HasOne<DocumentVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
            acknowledgement.HasOne<MamoriUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            acknowledgement.HasIndex(a => new { a.VersionId, a.UserId }).IsUnique();
        });

        modelBuilder.Entity<Domain.Baseline.DiagnosisResponse>(response =>
        {
            response.HasKey(r => r.Id);
            response.HasQueryFilter(r => r.OrganizationId == _organizationId);
            response.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            response.HasIndex(r => new { r.OrganizationId, r.Department });
            response.Property(r => r.Department).HasMaxLength(InformationAsset.MaxTextLength);
            response.Property(r => r.Respondent).HasMaxLength(InformationAsset.MaxTextLength);
            response.Property(r => r.Answers).HasConversion(new JsonConverter<Dictionary<int, Domain.Baseline.DiagnosisAnswer>>(), new JsonComparer<Dictionary<int, Domain.Baseline.DiagnosisAnswer>>());
            response.Ignore(r => r.IsComplete);
            response.Ignore(r => r.Score);
            response.Ignore(r => r.Band);
        });

        modelBuilder.Entity<Domain.Soa.SoaEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.HasQueryFilter(e => e.OrganizationId == _organizationId);
            entry.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            entry.HasIndex(e => new { e.OrganizationId, e.ControlId }).IsUnique();
            entry.Property(e => e.ControlId).HasMaxLength(8);
            entry.Property(e => e.Justification).HasMaxLength(Domain.Soa.SoaEntry.MaxJustificationLength);
            entry.Property(e => e.Owner).HasMaxLength(InformationAsset.MaxTextLength);
            entry.Property(e => e.EvidenceNotes).HasMaxLength(Domain.Soa.SoaEntry.MaxJustificationLength);
            entry.Property(e => e.DecidedBy).HasMaxLength(InformationAsset.MaxTextLength);
            entry.Property<DateTimeOffset?>(ChangedAt);
        });

        modelBuilder.Entity<Domain.Soa.SoaEvidenceFile>(file =>
        {
            file.HasKey(f => f.Id);
            file.HasQueryFilter(f => f.OrganizationId == _organizationId);
            file.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            file.HasIndex(f => new { f.OrganizationId, f.ControlId });
            file.Property(f => f.ControlId).HasMaxLength(8);
            file.Property(f => f.FileName).HasMaxLength(InformationAsset.MaxTextLength);
            file.Property(f => f.ContentType).HasMaxLength(100);
            file.Property(f => f.UploadedBy).HasMaxLength(InformationAsset.MaxTextLength);
        });

        modelBuilder.Entity<Organization>(org =>
        {
            org.Property(o => o.Industry).HasMaxLength(InformationAsset.MaxTextLength);
            org.Property(o => o.BaselineVariables).HasConversion(new JsonConverter<Dictionary<string, string>>(), new JsonComparer<Dictionary<string, string>>());
            org.Property(o => o.Representative).HasMaxLength(InformationAsset.MaxTextLength);
            org.Property(o => o.Version).IsConcurrencyToken();
            org.HasKey(o => o.Id);
            org.HasIndex(o => o.Slug).IsUnique();
            org.Property(o => o.Slug).HasMaxLength(63);
            org.Property(o => o.Name).HasMaxLength(InformationAsset.MaxTextLength);
            org.Property(o => o.RiskBands)
                .HasConversion(new RiskBandSchemeConverter())
                .HasMaxLength(32);
        });

        modelBuilder.Entity<InformationAsset>(asset =>
        {
            asset.HasKey(a => a.Id);
            asset.HasQueryFilter(a => a.OrganizationId == _organizationId);
            asset.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            asset.HasIndex(a => new { a.OrganizationId, a.BusinessCategory, a.Name }).IsUnique();
            asset.HasIndex(a => new { a.OrganizationId, a.Department });
            asset.Property(a => a.Name).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.BusinessCategory).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.UserScope).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.RiskOwner).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.Department).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.MediaAndLocation).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.RetentionPeriod).HasMaxLength(InformationAsset.MaxTextLength);
            asset.Property(a => a.Notes).HasMaxLength(InformationAsset.MaxNotesLength);
            asset.Ignore(a => a.Importance);
            asset.Ignore(a => a.RiskValue);
            asset.Ignore(a => a.HoldsPersonalInformation);
            asset.Property(a => a.Version).IsConcurrencyToken();
            // Derived values kept as columns so that lists can filter and sort on them at scale.
            asset.Property<int>(StoredImportance);
            asset.Property<int?>(StoredRiskValue);
            asset.Property<DateTimeOffset?>(ChangedAt);
            // Covers the dashboard's risk map (importance × likelihood counts) without reading the table.
            asset.HasIndex(nameof(InformationAsset.OrganizationId), StoredImportance, nameof(InformationAsset.Likelihood));
            asset.HasIndex(nameof(InformationAsset.OrganizationId), StoredRiskValue);
            asset.HasIndex(a => new { a.OrganizationId, a.Name });
        });

        modelBuilder.Entity<RegisterImport>(import =>
        {
            import.HasKey(i => i.Id);
            import.HasQueryFilter(i => i.OrganizationId == _organizationId);
            import.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            import.HasIndex(i => new { i.OrganizationId, i.ImportedAt });
            import.Property(i => i.FileName).HasMaxLength(InformationAsset.MaxTextLength);
            import.Property(i => i.Sha256).HasMaxLength(64);
            import.Property(i => i.ImportedBy).HasMaxLength(InformationAsset.MaxTextLength);
        });

        modelBuilder.Entity<RiskScenario>(scenario =>
        {
            scenario.HasKey(s => s.Id);
            scenario.HasQueryFilter(s => s.OrganizationId == _organizationId);
            scenario.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            scenario.HasOne(s => s.Asset).WithMany().HasForeignKey(s => s.AssetId).OnDelete(DeleteBehavior.Cascade);
            scenario.HasIndex(s => new { s.OrganizationId, s.AssetId });
            // JSON text columns through converters (not owned types) so that the audit log sees their old and new values.
            scenario.Property(s => s.Threat).HasConversion(new JsonConverter<ScenarioThreat?>(), new JsonComparer<ScenarioThreat?>());
            scenario.Property(s => s.Vulnerabilities).HasConversion(new JsonConverter<List<ScenarioVulnerability>>(), new JsonComparer<List<ScenarioVulnerability>>());
            scenario.Property(s => s.Controls).HasConversion(new JsonConverter<List<ScenarioControl>>(), new JsonComparer<List<ScenarioControl>>());
            scenario.Property(s => s.ProtectionRequirements).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
            scenario.Property(s => s.Version).IsConcurrencyToken();
            scenario.Property<DateTimeOffset?>(ChangedAt);
            // Derived values kept as columns so that the risk list and the dashboard sort, filter and page in SQL.
            // Null only for rows written before the columns existed, until MamoriDatabase.MigrateAsync fills them.
            scenario.Property<int?>(StoredLikelihood);
            scenario.Property<int?>(StoredRelation);
            scenario.HasIndex(nameof(RiskScenario.OrganizationId), StoredRelation);
            scenario.Property(s => s.BusinessValue).HasMaxLength(InformationAsset.MaxNotesLength);
            scenario.Property(s => s.RiskStatement).HasMaxLength(InformationAsset.MaxNotesLength);
            scenario.Property(s => s.Owner).HasMaxLength(InformationAsset.MaxTextLength);
            scenario.Property(s => s.AcceptedBy).HasMaxLength(InformationAsset.MaxTextLength);
            scenario.Ignore(s => s.Likelihood);
        });
    }

    /// <summary>
    /// Before anything is written: refuse writes outside this context's organization, bump
    /// the version of every changed row (optimistic concurrency), and add an audit entry for
    /// every write to an organization's data.
    /// </summary>
    private void PrepareWrites()
    {
        ChangeTracker.DetectChanges();
        var audit = new List<AuditEntry>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached || entry.Entity is AuditEntry)
            {
                continue;
            }

            var organizationId = entry.Entity switch
            {
                IBelongsToOrganization owned => owned.OrganizationId,
                Organization organization => organization.Id,
                _ => (Guid?)null,
            };
            if (organizationId is null)
            {
                continue;
            }

            if (entry.Entity is IBelongsToOrganization && organizationId != _organizationId)
            {
                throw new InvalidOperationException(
                    $"A {entry.Metadata.ClrType.Name} of another organization cannot be written through this context.");
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var now = _actor.Time.GetUtcNow();
                foreach (var property in entry.Metadata.GetProperties().Where(p => DerivedColumns.Contains(p.Name)))
                {
                    entry.Property(property.Name).CurrentValue = StoredValue(entry.Entity, property.Name, now);
                }
            }

            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is { } version)
            {
                entry.Property(version.Name).CurrentValue = (int)entry.Property(version.Name).OriginalValue! + 1;
            }

            audit.Add(AuditOf(entry, organizationId.Value));
        }

        AuditEntries.AddRange(audit);
        _unsavedAudit.AddRange(audit);
    }

    // Shadow columns whose values follow from the entity: set on every write, never audited.
    private static readonly HashSet<string> DerivedColumns = [StoredImportance, StoredRiskValue, StoredLikelihood, StoredRelation, ChangedAt];

    /// <summary>
    /// The value of a derived shadow column: what SaveChanges writes, the bulk insert writes for rows
    /// that skip the change tracker, and the start-up fill writes for rows older than the column.
    /// </summary>
    internal static object? StoredValue(object? entity, string property, DateTimeOffset now) => (entity, property) switch
    {
        (InformationAsset asset, StoredImportance) => asset.Importance.Value,
        (InformationAsset asset, StoredRiskValue) => asset.RiskValue?.Value,
        (RiskScenario scenario, StoredLikelihood) => scenario.Likelihood?.Value,
        (RiskScenario scenario, StoredRelation) => (int)RelationCheck.Evaluate(scenario),
        (_, ChangedAt) => now.ToUniversalTime(),
        _ => throw new InvalidOperationException($"No value for {entity?.GetType().Name}.{property} outside the change tracker."),
    };

    // File contents stay out of the log; their name, size and type are in it.
    private static bool IsAudited(IProperty property) =>
        !property.IsShadowProperty() && property.Name is not "Version" && property.ClrType != typeof(byte[]);

    // Values as stored (a Rating as its number, a scheme as its key), which is how an auditor reads them.
    private static object? AuditValue(IProperty property, object? value) =>
        value is not null && property.GetValueConverter() is { } converter ? converter.ConvertToProvider(value) : value;

    private AuditEntry AuditOf(EntityEntry entry, Guid organizationId)
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
            _actor.Time.GetUtcNow(),
            _actor.Name,
            action,
            entry.Metadata.ClrType.Name,
            entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue?.ToString() ?? "",
            before is null ? null : JsonSerializer.Serialize(before, AuditJson),
            after is null ? null : JsonSerializer.Serialize(after, AuditJson));
    }

    private sealed class JsonConverter<T>() : ValueConverter<T, string>(
        value => JsonSerializer.Serialize(value, AuditJson),
        json => JsonSerializer.Deserialize<T>(json, AuditJson)!);

    private sealed class JsonComparer<T>() : ValueComparer<T>(
        (a, b) => JsonSerializer.Serialize(a, AuditJson) == JsonSerializer.Serialize(b, AuditJson),
        value => JsonSerializer.Serialize(value, AuditJson).GetHashCode(StringComparison.Ordinal),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, AuditJson), AuditJson)!);

    private sealed class RatingConverter() : ValueConverter<Rating, int>(r => r.Value, v => Rating.From(v));

    private sealed class RiskBandSchemeConverter() : ValueConverter<RiskBandScheme, string>(
        s => s.Key == RiskBandScheme.CustomKey ? $"{s.Key}:{s.MediumFrom}:{s.HighFrom}" : s.Key,
        v => ParseScheme(v))
    {
        private static RiskBandScheme ParseScheme(string stored)
        {
            var parts = stored.Split(':');
            return parts.Length == 3
                ? RiskBandScheme.FromStored(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture))
                : RiskBandScheme.FromStored(stored, 0, 0);
        }
    }
}

/// <summary>The SQLite flavour, with its own migrations (Data/Migrations/Sqlite).</summary>
public sealed class SqliteMamoriDb(DbContextOptions<SqliteMamoriDb> options, Guid? organizationId = null, Actor? actor = null)
    : MamoriDb(options, organizationId, actor);

/// <summary>The PostgreSQL flavour, with its own migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresMamoriDb(DbContextOptions<PostgresMamoriDb> options, Guid? organizationId = null, Actor? actor = null)
    : MamoriDb(options, organizationId, actor);
