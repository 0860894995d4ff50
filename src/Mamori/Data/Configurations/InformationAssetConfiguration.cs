using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class InformationAssetConfiguration : IEntityTypeConfiguration<InformationAsset>
{
    public void Configure(EntityTypeBuilder<InformationAsset> asset)
    {
        asset.HasKey(a => a.Id);
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
        // Derived values kept as columns so that lists can filter and sort on them at scale (DerivedColumns sets them).
        asset.Property<int>(MamoriDb.StoredImportance);
        asset.Property<int?>(MamoriDb.StoredRiskValue);
        asset.Property<DateTimeOffset?>(MamoriDb.ChangedAt);
        // Covers the dashboard's risk map (importance × likelihood counts) without reading the table.
        asset.HasIndex(nameof(InformationAsset.OrganizationId), MamoriDb.StoredImportance, nameof(InformationAsset.Likelihood));
        asset.HasIndex(nameof(InformationAsset.OrganizationId), MamoriDb.StoredRiskValue);
        asset.HasIndex(a => new { a.OrganizationId, a.Name });
    }
}
