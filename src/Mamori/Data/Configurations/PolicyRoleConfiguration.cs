using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class PolicyRoleConfiguration : IEntityTypeConfiguration<PolicyRole>
{
    public void Configure(EntityTypeBuilder<PolicyRole> role)
    {
        role.HasKey(r => r.Id);
        role.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        role.Property(r => r.Title).HasMaxLength(InformationAsset.MaxTextLength);
        role.Property(r => r.Responsibility).HasMaxLength(InformationAsset.MaxNotesLength);
        role.Property(r => r.Holders).HasMaxLength(InformationAsset.MaxNotesLength);
        role.Property(r => r.Key).HasMaxLength(64);
    }
}
