using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

/// <summary>
/// The tenant. Every organization-owned table's key to it cascades: deleting an organization removes
/// the whole tenant, its audit log included, in one statement (see docs/storage-notes.md).
/// </summary>
internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> org)
    {
        org.Property(o => o.Industry).HasMaxLength(InformationAsset.MaxTextLength);
        org.Property(o => o.RuleValues).HasConversion(new JsonConverter<Dictionary<string, string>>(), new JsonComparer<Dictionary<string, string>>());
        org.Property(o => o.Representative).HasMaxLength(InformationAsset.MaxTextLength);
        org.Property(o => o.Version).IsConcurrencyToken();
        org.Property(o => o.PublicPolicyToken).HasMaxLength(64);
        org.HasIndex(o => o.PublicPolicyToken).IsUnique();
        org.Property(o => o.SecurityActionId).HasMaxLength(Features.GettingStarted.RecordDeclaration.MaxIdLength);
        org.HasKey(o => o.Id);
        org.HasIndex(o => o.Slug).IsUnique();
        org.Property(o => o.Slug).HasMaxLength(63);
        org.Property(o => o.Name).HasMaxLength(InformationAsset.MaxTextLength);
        org.Property(o => o.RiskBands)
            .HasConversion(new RiskBandSchemeConverter())
            .HasMaxLength(32);
    }
}
