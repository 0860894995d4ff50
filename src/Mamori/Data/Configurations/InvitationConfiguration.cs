using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.HasKey(i => i.Id);
        invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => new { i.OrganizationId, i.Email });
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.Department).HasMaxLength(InformationAsset.MaxTextLength);
        invitation.Property(i => i.Language).HasMaxLength(8);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.Property(i => i.InvitedBy).HasMaxLength(450);
        invitation.Property(i => i.AcceptedBy).HasMaxLength(450);
        invitation.Property(i => i.Version).IsConcurrencyToken();
    }
}
