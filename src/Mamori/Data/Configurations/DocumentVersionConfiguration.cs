using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> version)
    {
        version.HasKey(v => v.Id);
        version.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        version.HasOne<PolicyDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Restrict);
        version.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        version.Property(v => v.Summary).HasMaxLength(InformationAsset.MaxNotesLength);
        version.Property(v => v.Author).HasMaxLength(InformationAsset.MaxTextLength);
        version.Property(v => v.ApprovedBy).HasMaxLength(InformationAsset.MaxTextLength);
        version.Property(v => v.RuleValues).HasConversion(new JsonConverter<Dictionary<string, string>>(), new JsonComparer<Dictionary<string, string>>());
        version.Ignore(v => v.IsEditable);
    }
}
