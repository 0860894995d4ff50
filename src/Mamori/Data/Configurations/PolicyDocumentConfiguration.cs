using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class PolicyDocumentConfiguration : IEntityTypeConfiguration<PolicyDocument>
{
    public void Configure(EntityTypeBuilder<PolicyDocument> document)
    {
        document.HasKey(d => d.Id);
        document.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        document.HasIndex(d => new { d.OrganizationId, d.Kind, d.Number });
        document.Property(d => d.Number).HasMaxLength(32);
        document.Property(d => d.SourceKey).HasMaxLength(128);
        document.HasIndex(d => new { d.OrganizationId, d.SourceKey });
        document.Property(d => d.Title).HasMaxLength(InformationAsset.MaxTextLength);
        document.Property(d => d.Scope).HasMaxLength(InformationAsset.MaxNotesLength);
        document.Property(d => d.Audiences).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
        document.Property(d => d.ControlIds).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
        document.Property(d => d.Version).IsConcurrencyToken();
    }
}
