using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class ScsAssessmentConfiguration : IEntityTypeConfiguration<ScsAssessment>
{
    public void Configure(EntityTypeBuilder<ScsAssessment> assessment)
    {
        assessment.HasKey(a => a.Id);
        assessment.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        assessment.HasIndex(a => new { a.OrganizationId, a.Year }).IsUnique();
        assessment.Property(a => a.StartedBy).HasMaxLength(ScsAssessment.MaxNameLength);
        assessment.Property(a => a.RepresentativeName).HasMaxLength(ScsAssessment.MaxNameLength);
        assessment.Property(a => a.RepresentativeTitle).HasMaxLength(ScsAssessment.MaxNameLength);
        assessment.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class ScsAnswerConfiguration : IEntityTypeConfiguration<ScsAnswer>
{
    public void Configure(EntityTypeBuilder<ScsAnswer> answer)
    {
        answer.HasKey(a => a.Id);
        answer.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // Answers are the assessment's audited content: an assessment is never deleted under them.
        answer.HasOne<ScsAssessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        answer.HasIndex(a => new { a.AssessmentId, a.CriterionId }).IsUnique();
        answer.Property(a => a.CriterionId).HasMaxLength(16);
        answer.Property(a => a.Reason).HasMaxLength(ScsAnswer.MaxTextLength);
        answer.Property(a => a.Note).HasMaxLength(ScsAnswer.MaxTextLength);
        answer.Property(a => a.Source).HasMaxLength(ScsAnswer.MaxTextLength);
        answer.Property(a => a.AnsweredBy).HasMaxLength(ScsAssessment.MaxNameLength);
        answer.Property(a => a.Links).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
        answer.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class ScsEvidenceFileConfiguration : IEntityTypeConfiguration<ScsEvidenceFile>
{
    public void Configure(EntityTypeBuilder<ScsEvidenceFile> file)
    {
        file.HasKey(f => f.Id);
        file.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        file.HasOne<ScsAssessment>().WithMany().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        file.HasIndex(f => new { f.AssessmentId, f.CriterionId });
        file.Property(f => f.CriterionId).HasMaxLength(16);
        file.Property(f => f.FileName).HasMaxLength(ScsAssessment.MaxNameLength);
        file.Property(f => f.ContentType).HasMaxLength(100);
        file.Property(f => f.UploadedBy).HasMaxLength(ScsAssessment.MaxNameLength);
    }
}

internal sealed class ScsReviewNoteConfiguration : IEntityTypeConfiguration<ScsReviewNote>
{
    public void Configure(EntityTypeBuilder<ScsReviewNote> note)
    {
        note.HasKey(n => n.Id);
        note.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        note.HasOne<ScsAssessment>().WithMany().HasForeignKey(n => n.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        note.HasIndex(n => new { n.AssessmentId, n.CriterionId });
        note.Property(n => n.CriterionId).HasMaxLength(16);
        note.Property(n => n.Text).HasMaxLength(ScsAnswer.MaxTextLength);
        note.Property(n => n.WrittenBy).HasMaxLength(ScsAssessment.MaxNameLength);
    }
}

internal sealed class ScsYearlyCheckConfiguration : IEntityTypeConfiguration<ScsYearlyCheck>
{
    public void Configure(EntityTypeBuilder<ScsYearlyCheck> check)
    {
        check.HasKey(c => c.Id);
        check.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        check.HasIndex(c => new { c.OrganizationId, c.CompletedAt, c.DueOn });
        check.Property(c => c.CriterionId).HasMaxLength(16);
        check.Property(c => c.CompletedBy).HasMaxLength(ScsAssessment.MaxNameLength);
        check.Property(c => c.Findings).HasMaxLength(ScsAnswer.MaxTextLength);
        check.Property(c => c.Version).IsConcurrencyToken();
    }
}
