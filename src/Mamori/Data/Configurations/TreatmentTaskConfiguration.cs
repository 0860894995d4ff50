using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class TreatmentTaskConfiguration : IEntityTypeConfiguration<TreatmentTask>
{
    public void Configure(EntityTypeBuilder<TreatmentTask> task)
    {
        task.HasKey(t => t.Id);
        task.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // A scenario with tasks is not deleted behind their back (SET NULL would change them unaudited).
        task.HasOne<RiskScenario>().WithMany().HasForeignKey(t => t.RiskScenarioId).OnDelete(DeleteBehavior.Restrict);
        task.HasIndex(t => new { t.OrganizationId, t.Status, t.DueOn });
        task.Property(t => t.Title).HasMaxLength(InformationAsset.MaxTextLength);
        task.Property(t => t.Owner).HasMaxLength(InformationAsset.MaxTextLength);
        task.Property(t => t.ControlId).HasMaxLength(8);
        task.Property(t => t.Notes).HasMaxLength(InformationAsset.MaxNotesLength);
        task.Property(t => t.Version).IsConcurrencyToken();
    }
}
