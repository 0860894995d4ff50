using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class SoaEvidenceFileConfiguration : IEntityTypeConfiguration<SoaEvidenceFile>
{
    public void Configure(EntityTypeBuilder<SoaEvidenceFile> file)
    {
        file.HasKey(f => f.Id);
        file.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        file.HasIndex(f => new { f.OrganizationId, f.ControlId });
        file.Property(f => f.ControlId).HasMaxLength(8);
        file.Property(f => f.FileName).HasMaxLength(InformationAsset.MaxTextLength);
        file.Property(f => f.ContentType).HasMaxLength(100);
        file.Property(f => f.UploadedBy).HasMaxLength(InformationAsset.MaxTextLength);
    }
}
