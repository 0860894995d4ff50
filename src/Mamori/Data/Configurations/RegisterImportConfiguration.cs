using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class RegisterImportConfiguration : IEntityTypeConfiguration<RegisterImport>
{
    public void Configure(EntityTypeBuilder<RegisterImport> import)
    {
        import.HasKey(i => i.Id);
        import.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        import.HasIndex(i => new { i.OrganizationId, i.ImportedAt });
        import.Property(i => i.FileName).HasMaxLength(InformationAsset.MaxTextLength);
        import.Property(i => i.Sha256).HasMaxLength(64);
        import.Property(i => i.ImportedBy).HasMaxLength(InformationAsset.MaxTextLength);
    }
}
