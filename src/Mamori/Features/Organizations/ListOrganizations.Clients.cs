using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

public static partial class ListOrganizations
{
    /// <summary>
    /// Where one client organization stands, for a consultant or 支援専門家 who follows several: the
    /// SECURITY ACTION steps (★1: the 5か条 is in its policy set; ★2: a self-diagnosis and a published
    /// basic policy), this fiscal year's ★3 assessment, the latest self-diagnosis score, the level being
    /// worked on (3 with SoA decisions, 2 with Lv.2 chapters, 1 with Lv.1 standards) and what is overdue.
    /// </summary>
    public sealed record Client(
        Organization Organization, MemberRole Role, bool Star1, bool Star2, bool Star3Started, int Star3Answered, bool Star3Confirmed,
        int? DiagnosisScore, int Level, int OverdueTasks, int OverdueChecks)
    {
        public int Overdue => OverdueTasks + OverdueChecks;
    }

    /// <summary>
    /// Every organization whose data <paramref name="userId"/> may read (an employee's memberships are
    /// left out), in one query whatever their number; <paramref name="today"/> and <paramref name="year"/>
    /// decide what is overdue and which ★3 assessment counts.
    /// </summary>
    public static async Task<IReadOnlyList<Client>> ClientsOfAsync(MamoriDatabase database, string userId, DateOnly today, int year, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var documents = AcrossOrganizations(db.PolicyDocuments);
        var responses = AcrossOrganizations(db.DiagnosisResponses);
        var assessments = AcrossOrganizations(db.ScsAssessments).Where(a => a.Year == year);
        var answers = AcrossOrganizations(db.ScsAnswers);
        var notes = AcrossOrganizations(db.ScsReviewNotes);
        var tasks = AcrossOrganizations(db.TreatmentTasks);
        var checks = AcrossOrganizations(db.ScsYearlyChecks);
        var soa = AcrossOrganizations(db.SoaEntries);
        var rows = await (
                from membership in AcrossOrganizations(db.Memberships)
                join organization in db.Organizations on membership.OrganizationId equals organization.Id
                where membership.UserId == userId && membership.Role != MemberRole.Employee
                select new
                {
                    organization,
                    membership.Role,
                    FiveRules = documents.Any(d => d.OrganizationId == organization.Id && d.SourceKey == "form:five-rules"),
                    Diagnosed = responses.Any(r => r.OrganizationId == organization.Id),
                    // Version 7 ids grow with time: the greatest is the latest response.
                    Latest = responses.Where(r => r.OrganizationId == organization.Id).OrderByDescending(r => r.Id).Select(r => r.Answers).FirstOrDefault(),
                    Started = assessments.Any(a => a.OrganizationId == organization.Id),
                    Answered = answers.Count(a => a.OrganizationId == organization.Id && a.Status != ScsAnswerStatus.Unanswered && assessments.Any(s => s.Id == a.AssessmentId)),
                    Opinion = notes.Where(n => n.OrganizationId == organization.Id && n.CriterionId == "" && assessments.Any(s => s.Id == n.AssessmentId))
                        .OrderByDescending(n => n.Id).Select(n => (ScsReviewState?)n.State).FirstOrDefault(),
                    Soa = soa.Any(e => e.OrganizationId == organization.Id),
                    Chapters = documents.Any(d => d.OrganizationId == organization.Id && d.SourceKey.StartsWith("baseline:")),
                    Quick = documents.Any(d => d.OrganizationId == organization.Id && d.SourceKey.StartsWith("quick:")),
                    OverdueTasks = tasks.Count(t => t.OrganizationId == organization.Id && t.Status != TreatmentStatus.Done && t.DueOn < today),
                    OverdueChecks = checks.Count(c => c.OrganizationId == organization.Id && c.CompletedAt == null && c.DueOn < today),
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Client(
                r.organization, r.Role, r.FiveRules, r.Diagnosed && r.organization.PublicPolicyToken != null, r.Started, r.Answered,
                r.Opinion == ScsReviewState.Confirmed, r.Latest is null ? null : Domain.Baseline.DiagnosisScore.Of(r.Latest.Values),
                r.Soa ? 3 : r.Chapters ? 2 : r.Quick ? 1 : 0, r.OverdueTasks, r.OverdueChecks))
            .OrderBy(c => c.Organization.Name, StringComparer.Ordinal)
            .ToList();
    }
}
