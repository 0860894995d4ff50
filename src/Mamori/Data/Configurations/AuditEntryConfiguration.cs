using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.OrganizationId, e.At });
        // Two writers can never both append the same position: one of them fails and nothing forks.
        entry.HasIndex(e => new { e.OrganizationId, e.Sequence }).IsUnique();
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.Property(e => e.Actor).HasMaxLength(InformationAsset.MaxTextLength);
        entry.Property(e => e.EntityType).HasMaxLength(64);
        entry.Property(e => e.EntityId).HasMaxLength(64);
    }
}
