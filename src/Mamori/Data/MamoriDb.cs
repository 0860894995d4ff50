using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Data;

/// <summary>
/// The product's database. A context is opened for one organization, and every query
/// and every write through it is confined to that organization's rows; a context opened
/// for no organization sees organizations only. Each provider has its own subclass so
/// that it keeps its own migration set.
/// </summary>
public abstract class MamoriDb : DbContext
{
    // Read by the query filters on every query; Guid.Empty matches no row.
    private readonly Guid _organizationId;

    protected MamoriDb(DbContextOptions options, Guid? organizationId)
        : base(options)
    {
        _organizationId = organizationId ?? Guid.Empty;
    }

    /// <summary>The organization this context is confined to, if any.</summary>
    public Guid? OrganizationId => _organizationId == Guid.Empty ? null : _organizationId;

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<InformationAsset> Assets => Set<InformationAsset>();

    public DbSet<RiskScenario> RiskScenarios => Set<RiskScenario>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnsureWritesStayInOrganization();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnsureWritesStayInOrganization();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Rating>().HaveConversion<RatingConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organization>(org =>
        {
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
        });

        modelBuilder.Entity<RiskScenario>(scenario =>
        {
            scenario.HasKey(s => s.Id);
            scenario.HasQueryFilter(s => s.OrganizationId == _organizationId);
            scenario.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            scenario.HasOne(s => s.Asset).WithMany().HasForeignKey(s => s.AssetId).OnDelete(DeleteBehavior.Cascade);
            scenario.HasIndex(s => new { s.OrganizationId, s.AssetId });
            scenario.OwnsOne(s => s.Threat, threat => threat.ToJson());
            scenario.OwnsMany(s => s.Vulnerabilities, v => v.ToJson());
            scenario.OwnsMany(s => s.Controls, c => c.ToJson());
            scenario.Property(s => s.BusinessValue).HasMaxLength(InformationAsset.MaxNotesLength);
            scenario.Property(s => s.RiskStatement).HasMaxLength(InformationAsset.MaxNotesLength);
            scenario.Property(s => s.Owner).HasMaxLength(InformationAsset.MaxTextLength);
            scenario.Property(s => s.AcceptedBy).HasMaxLength(InformationAsset.MaxTextLength);
            scenario.Ignore(s => s.Likelihood);
        });
    }

    private void EnsureWritesStayInOrganization()
    {
        foreach (var entry in ChangeTracker.Entries<IBelongsToOrganization>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity.OrganizationId != _organizationId)
            {
                throw new InvalidOperationException(
                    $"A {entry.Metadata.ClrType.Name} of another organization cannot be written through this context.");
            }
        }
    }

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
public sealed class SqliteMamoriDb(DbContextOptions<SqliteMamoriDb> options, Guid? organizationId = null)
    : MamoriDb(options, organizationId);

/// <summary>The PostgreSQL flavour, with its own migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresMamoriDb(DbContextOptions<PostgresMamoriDb> options, Guid? organizationId = null)
    : MamoriDb(options, organizationId);
