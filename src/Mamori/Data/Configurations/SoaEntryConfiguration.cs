using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class SoaEntryConfiguration : IEntityTypeConfiguration<SoaEntry>
{
    public void Configure(EntityTypeBuilder<SoaEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.OrganizationId, e.ControlId }).IsUnique();
        entry.Property(e => e.ControlId).HasMaxLength(8);
        entry.Property(e => e.Justification).HasMaxLength(SoaEntry.MaxJustificationLength);
        entry.Property(e => e.Owner).HasMaxLength(InformationAsset.MaxTextLength);
        entry.Property(e => e.EvidenceNotes).HasMaxLength(SoaEntry.MaxJustificationLength);
        entry.Property(e => e.DecidedBy).HasMaxLength(InformationAsset.MaxTextLength);
        entry.Property<DateTimeOffset?>(MamoriDb.ChangedAt);
    }
}
