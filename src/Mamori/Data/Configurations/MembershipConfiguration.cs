using Mamori.Accounts;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.HasKey(m => m.Id);
        membership.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // An account leaves each organization through its members page (audited there) before it can be deleted.
        membership.HasOne<MamoriUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
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
    }
}
