using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// The expert's review of a year's assessment, one step at a time (依頼 → 指摘 → 対応 → 確認済): the
/// organization asks and answers findings, the 支援専門家 raises findings and confirms. Each step is
/// kept with its comment, who and when; the overall opinion is the expert's, on no criterion.
/// </summary>
public static class ReviewCriterion
{
    /// <param name="CriterionId">The criterion, or "" for the overall opinion.</param>
    public sealed record Request(string CriterionId, ScsReviewState State, string? Text);

    public static async Task<(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors)> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, int year, Request request, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var byExpert = membership.CanReviewScs;
        if (!byExpert && !membership.CanEditDocuments)
        {
            return (SaveStatus.Forbidden, FieldErrors.None);
        }

        var overall = request.CriterionId.Length == 0;
        if (overall && !byExpert)
        {
            return (SaveStatus.Forbidden, FieldErrors.None);
        }

        var assessment = await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken);
        if (assessment is null || (!overall && !AnswerCriterion.IsCriterion(request.CriterionId)))
        {
            return (SaveStatus.NotFound, FieldErrors.None);
        }

        var errors = new FieldErrors();
        // SQLite cannot order by a DateTimeOffset: the few steps of one criterion are ordered here.
        var current = (await db.ScsReviewNotes.AsNoTracking().Where(n => n.AssessmentId == assessment.Id && n.CriterionId == request.CriterionId).ToListAsync(cancellationToken))
            .OrderBy(n => n.WrittenAt).ThenBy(n => n.Id).Select(n => n.State).LastOrDefault();
        var allowed = overall
            ? request.State is ScsReviewState.Raised or ScsReviewState.Confirmed
            : ScsReviewNote.CanMove(current, request.State, byExpert);
        if (!allowed)
        {
            errors.Add(nameof(Request.State), ScsWords.ReviewStepNotAllowed);
        }

        // A finding, an answer to it and an opinion say something; asking and confirming may stand alone.
        var needsText = overall || request.State is ScsReviewState.Raised or ScsReviewState.Addressed;
        errors.Text(nameof(Request.Text), request.Text, ScsAnswer.MaxTextLength, needsText ? ScsWords.ReviewTextRequired : null);
        if (errors.Count > 0)
        {
            return (SaveStatus.Invalid, errors);
        }

        db.ScsReviewNotes.Add(new ScsReviewNote(organization.Id, assessment.Id, request.CriterionId, request.State, (request.Text ?? "").Trim(), now, actor));
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, FieldErrors.None);
    }

    /// <summary>Asks the expert to review every answered criterion not asked yet, in one commit. Null when the role may not.</summary>
    public static async Task<int?> RequestAllAsync(MamoriDb db, Membership membership, Organization organization, int year, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments || await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken) is not { } assessment)
        {
            return null;
        }

        var answered = await db.ScsAnswers.Where(a => a.AssessmentId == assessment.Id && a.Status != ScsAnswerStatus.Unanswered).Select(a => a.CriterionId).ToListAsync(cancellationToken);
        var asked = (await db.ScsReviewNotes.Where(n => n.AssessmentId == assessment.Id).Select(n => n.CriterionId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var toAsk = answered.Where(c => !asked.Contains(c)).ToList();
        db.ScsReviewNotes.AddRange(toAsk.Select(c => new ScsReviewNote(organization.Id, assessment.Id, c, ScsReviewState.Requested, "", now, actor)));
        await db.SaveChangesAsync(cancellationToken);
        return toAsk.Count;
    }
}
