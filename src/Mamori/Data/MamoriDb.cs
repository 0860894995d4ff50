using Mamori.Accounts;
using Mamori.Data.Configurations;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Baseline;
using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Scs;
using Mamori.Domain.Soa;
using Mamori.Domain.Treatments;
using Mamori.Features.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Data;

/// <summary>
/// The product's database. A context is opened for one organization, and every query and every
/// write through it is confined to that organization's rows (<see cref="TenantIsolation"/>); a
/// context opened for no organization sees organizations and accounts only. Every write to an
/// organization's data is recorded in its audit log in the same transaction (<see cref="AuditWriter"/>).
/// Entities are configured in Configurations/. Each provider has its own subclass so that it keeps
/// its own migration set.
/// </summary>
public abstract partial class MamoriDb : IdentityDbContext<MamoriUser>, IDataProtectionKeyContext
{
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

    // Guid.Empty (no organization) matches no row.
    private readonly Guid _organizationId;
    private readonly Actor _actor;
    private readonly AuditWriter _audit;

    protected MamoriDb(DbContextOptions options, Guid? organizationId, Actor? actor)
        : base(options)
    {
        _organizationId = organizationId ?? Guid.Empty;
        _actor = actor ?? Actor.System;
        _audit = new AuditWriter(this, _actor);
    }

    /// <summary>The organization this context is confined to, if any.</summary>
    public Guid? OrganizationId => _organizationId == Guid.Empty ? null : _organizationId;

    /// <summary>The organization the query filters compare with (<see cref="Guid.Empty"/> for none).</summary>
    internal Guid TenantId => _organizationId;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<InformationAsset> Assets => Set<InformationAsset>();
    public DbSet<RegisterImport> RegisterImports => Set<RegisterImport>();
    public DbSet<RiskScenario> RiskScenarios => Set<RiskScenario>();
    public DbSet<TreatmentTask> TreatmentTasks => Set<TreatmentTask>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<PolicyDocument> PolicyDocuments => Set<PolicyDocument>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<PolicyRole> PolicyRoles => Set<PolicyRole>();
    public DbSet<Acknowledgement> Acknowledgements => Set<Acknowledgement>();
    public DbSet<DiagnosisResponse> DiagnosisResponses => Set<DiagnosisResponse>();
    public DbSet<SoaEntry> SoaEntries => Set<SoaEntry>();
    public DbSet<SoaEvidenceFile> SoaEvidenceFiles => Set<SoaEvidenceFile>();
    public DbSet<ScsAssessment> ScsAssessments => Set<ScsAssessment>();
    public DbSet<ScsAnswer> ScsAnswers => Set<ScsAnswer>();
    public DbSet<ScsEvidenceFile> ScsEvidenceFiles => Set<ScsEvidenceFile>();
    public DbSet<ScsReviewNote> ScsReviewNotes => Set<ScsReviewNote>();
    public DbSet<ScsYearlyCheck> ScsYearlyChecks => Set<ScsYearlyCheck>();
    public DbSet<SentNotification> SentNotifications => Set<SentNotification>();
    public DbSet<OrganizationNotificationSettings> OrganizationNotificationSettings => Set<OrganizationNotificationSettings>();
    public DbSet<UserNotificationSettings> UserNotificationSettings => Set<UserNotificationSettings>();
    public DbSet<SchedulerLease> SchedulerLeases => Set<SchedulerLease>();
    public DbSet<InventoryItem> InventoryItems => Set<InventoryItem>();

    /// <summary>ASP.NET Core's data-protection keys, shared by every web node on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareWrites();
        return _audit.Save(() => base.SaveChanges(acceptAllChangesOnSuccess));
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareWrites();
        return _audit.SaveAsync(token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), cancellationToken);
    }

    /// <summary>
    /// Before anything is written: refuse writes outside this context's organization, set the
    /// derived columns, bump the version of every changed row (optimistic concurrency), and add
    /// an audit entry for every write to an organization's data.
    /// </summary>
    private void PrepareWrites()
    {
        ChangeTracker.DetectChanges();
        var written = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry)
            .ToList();
        TenantIsolation.CheckWrites(written, _organizationId);
        foreach (var entry in written)
        {
            DerivedColumns.Refresh(entry, _actor.Time.GetUtcNow());
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is { } version)
            {
                entry.Property(version.Name).CurrentValue = (int)entry.Property(version.Name).OriginalValue! + 1;
            }
        }

        _audit.Record(written);
    }

    /// <summary>The value of a derived shadow column (see <see cref="DerivedColumns"/>).</summary>
    internal static object? StoredValue(object? entity, string property, DateTimeOffset now) =>
        DerivedColumns.ValueOf(entity, property, now);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Rating>().HaveConversion<RatingConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(MamoriDb).Assembly, type => type.Namespace == typeof(OrganizationConfiguration).Namespace);
        // `dotnet ef dbcontext optimize` cannot write query filters into a compiled model: it is
        // generated without them, and the compiled model adds them itself (CompiledModels/).
        if (!EF.IsDesignTime)
        {
            TenantIsolation.ApplyQueryFilters(modelBuilder, this);
        }
    }
}

/// <summary>The SQLite flavour, with its own migrations (Data/Migrations/Sqlite).</summary>
public sealed class SqliteMamoriDb(DbContextOptions<SqliteMamoriDb> options, Guid? organizationId = null, Actor? actor = null)
    : MamoriDb(options, organizationId, actor);

/// <summary>The PostgreSQL flavour, with its own migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresMamoriDb(DbContextOptions<PostgresMamoriDb> options, Guid? organizationId = null, Actor? actor = null)
    : MamoriDb(options, organizationId, actor);
