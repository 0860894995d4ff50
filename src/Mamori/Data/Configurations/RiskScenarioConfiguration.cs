using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class RiskScenarioConfiguration : IEntityTypeConfiguration<RiskScenario>
{
    public void Configure(EntityTypeBuilder<RiskScenario> scenario)
    {
        scenario.HasKey(s => s.Id);
        scenario.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // Deleting an asset does not take its scenarios with it unaudited: they are deleted first, each with its entry.
        scenario.HasOne(s => s.Asset).WithMany().HasForeignKey(s => s.AssetId).OnDelete(DeleteBehavior.Restrict);
        scenario.HasIndex(s => new { s.OrganizationId, s.AssetId });
        // JSON text columns through converters (not owned types) so that the audit log sees their old and new values.
        scenario.Property(s => s.Threat).HasConversion(new JsonConverter<ScenarioThreat?>(), new JsonComparer<ScenarioThreat?>());
        scenario.Property(s => s.Vulnerabilities).HasConversion(new JsonConverter<List<ScenarioVulnerability>>(), new JsonComparer<List<ScenarioVulnerability>>());
        scenario.Property(s => s.Controls).HasConversion(new JsonConverter<List<ScenarioControl>>(), new JsonComparer<List<ScenarioControl>>());
        scenario.Property(s => s.ProtectionRequirements).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
        scenario.Property(s => s.Version).IsConcurrencyToken();
        scenario.Property<DateTimeOffset?>(MamoriDb.ChangedAt);
        // Derived values kept as columns so that the risk list and the dashboard sort, filter and page in SQL.
        scenario.Property<int?>(MamoriDb.StoredLikelihood);
        scenario.Property<int?>(MamoriDb.StoredRelation);
        scenario.HasIndex(nameof(RiskScenario.OrganizationId), MamoriDb.StoredRelation);
        scenario.Property(s => s.BusinessValue).HasMaxLength(InformationAsset.MaxNotesLength);
        scenario.Property(s => s.RiskStatement).HasMaxLength(InformationAsset.MaxNotesLength);
        scenario.Property(s => s.Owner).HasMaxLength(InformationAsset.MaxTextLength);
        scenario.Property(s => s.AcceptedBy).HasMaxLength(InformationAsset.MaxTextLength);
        scenario.Ignore(s => s.Likelihood);
    }
}
