using Mamori.Accounts;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class AcknowledgementConfiguration : IEntityTypeConfiguration<Acknowledgement>
{
    public void Configure(EntityTypeBuilder<Acknowledgement> acknowledgement)
    {
        acknowledgement.HasKey(a => a.Id);
        acknowledgement.HasOne<DocumentVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
        acknowledgement.HasOne<MamoriUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        acknowledgement.HasIndex(a => new { a.VersionId, a.UserId }).IsUnique();
    }
}
