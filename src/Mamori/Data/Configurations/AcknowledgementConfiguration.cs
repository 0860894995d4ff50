using Mamori.Accounts;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class AcknowledgementConfiguration : IEntityTypeConfiguration<Acknowledgement>
{
    public void Configure(EntityTypeBuilder<Acknowledgement> acknowledgement)
    {
        acknowledgement.HasKey(a => a.Id);
        acknowledgement.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        acknowledgement.HasOne<DocumentVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Restrict);
        // The organization's evidence that a person read a procedure: an account that has one is not deleted by the database.
        acknowledgement.HasOne<MamoriUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        acknowledgement.HasIndex(a => new { a.VersionId, a.UserId }).IsUnique();
    }
}
