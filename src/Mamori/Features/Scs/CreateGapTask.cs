using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Domain.Treatments;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// Turns a gap of the ★3 assessment into a task of the treatment plan: what the criterion asks as
/// the title, what it means and what evidence closes it as the notes, its first Annex A control as
/// the control. The answer keeps the task, so a second click opens the same task. One commit.
/// </summary>
public static class CreateGapTask
{
    public static async Task<(SaveStatus Status, TreatmentTask? Task)> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, int year, string criterionId, string actor, DateTimeOffset now, CultureInfo culture,
        CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return (SaveStatus.Forbidden, null);
        }

        var assessment = await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken);
        if (assessment is null || Catalogs.ScsCatalog.Default.Find(criterionId) is not { Level: <= Star3Assessment.Level } criterion)
        {
            return (SaveStatus.NotFound, null);
        }

        var answer = await db.ScsAnswers.SingleOrDefaultAsync(a => a.AssessmentId == assessment.Id && a.CriterionId == criterionId, cancellationToken);
        if (answer?.TaskId is { } taskId && await db.TreatmentTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken) is { } existing)
        {
            return (SaveStatus.Saved, existing);
        }

        var words = new Star3Words(culture);
        var task = new TreatmentTask(organization.Id, Cut(string.Format(culture, words[nameof(ScsWords.TaskTitle)], criterion.Id, criterion.Text.In(culture)), InformationAsset.MaxTextLength))
        {
            ControlId = criterion.AnnexA.FirstOrDefault(),
            Notes = Cut(string.Format(culture, words[nameof(ScsWords.TaskNotes)], criterion.Meaning.In(culture), criterion.Evidence.In(culture)), InformationAsset.MaxNotesLength),
        };
        db.TreatmentTasks.Add(task);
        if (answer is null)
        {
            answer = new ScsAnswer(organization.Id, assessment.Id, criterionId) { AnsweredBy = actor, AnsweredAt = now.ToUniversalTime() };
            db.ScsAnswers.Add(answer);
        }

        answer.TaskId = task.Id;
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, task);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
