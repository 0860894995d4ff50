using Mamori.Domain.Assets;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class DiagnosisResponseConfiguration : IEntityTypeConfiguration<DiagnosisResponse>
{
    public void Configure(EntityTypeBuilder<DiagnosisResponse> response)
    {
        response.HasKey(r => r.Id);
        response.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        response.HasIndex(r => new { r.OrganizationId, r.Department });
        response.Property(r => r.Department).HasMaxLength(InformationAsset.MaxTextLength);
        response.Property(r => r.Respondent).HasMaxLength(InformationAsset.MaxTextLength);
        response.Property(r => r.Answers).HasConversion(new JsonConverter<Dictionary<int, DiagnosisAnswer>>(), new JsonComparer<Dictionary<int, DiagnosisAnswer>>());
        response.Ignore(r => r.IsComplete);
        response.Ignore(r => r.Score);
        response.Ignore(r => r.Band);
    }
}
