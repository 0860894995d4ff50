using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// Answers one ★3 criterion of a year's assessment (実施している / 一部 / していない / 該当しない with its
/// reason), with a note and links to evidence inside Mamori; or confirms Mamori's proposals, one or
/// all at once, each keeping its grounds as the answer's source.
/// </summary>
public static class AnswerCriterion
{
    /// <param name="FromProposal">The answer confirms the proposal shown: its grounds become the answer's source.</param>
    public sealed record Request(string CriterionId, ScsAnswerStatus Status, string? Reason, string? Note, IReadOnlyList<string>? Links, bool FromProposal = false);

    public static async Task<(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors)> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, int year, Request request, string actor, DateTimeOffset now, DateOnly today, CultureInfo culture,
        CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return (SaveStatus.Forbidden, FieldErrors.None);
        }

        var assessment = await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken);
        if (assessment is null || !IsCriterion(request.CriterionId))
        {
            return (SaveStatus.NotFound, FieldErrors.None);
        }

        var errors = new FieldErrors();
        if (!Enum.IsDefined(request.Status))
        {
            errors.Add(nameof(Request.Status), ScsWords.StatusInvalid);
        }

        errors.Text(nameof(Request.Reason), request.Reason, ScsAnswer.MaxTextLength, request.Status == ScsAnswerStatus.NotApplicable ? ScsWords.ReasonRequired : null);
        errors.Text(nameof(Request.Note), request.Note, ScsAnswer.MaxTextLength);
        var links = (request.Links ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var link in links.Where(l => !IsRegisterLink(l)))
        {
            if (!DocumentLink(link, out var documentId) || !await db.PolicyDocuments.AnyAsync(d => d.Id == documentId, cancellationToken))
            {
                errors.Add(nameof(Request.Links), string.Format(CultureInfo.CurrentCulture, ScsWords.LinkUnknown, link));
            }
        }

        if (errors.Count > 0)
        {
            return (SaveStatus.Invalid, errors);
        }

        var source = "";
        if (request.FromProposal)
        {
            var sheet = await Star3Assessment.BuildAsync(db, organization, year, today, culture, cancellationToken);
            source = Star3Assessment.SourceOf(sheet.Rows.Single(r => r.Criterion.Id == request.CriterionId).Grounds, culture);
        }

        var answer = await db.ScsAnswers.SingleOrDefaultAsync(a => a.AssessmentId == assessment.Id && a.CriterionId == request.CriterionId, cancellationToken);
        if (answer is null)
        {
            answer = new ScsAnswer(organization.Id, assessment.Id, request.CriterionId);
            db.ScsAnswers.Add(answer);
        }

        answer.Status = request.Status;
        // A reason belongs to 該当しない only; kept elsewhere it would explain an answer it does not fit.
        answer.Reason = request.Status == ScsAnswerStatus.NotApplicable ? request.Reason!.Trim() : "";
        answer.Note = (request.Note ?? "").Trim();
        answer.Source = source;
        answer.Links.Clear();
        answer.Links.AddRange(links);
        answer.AnsweredAt = now.ToUniversalTime();
        answer.AnsweredBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, FieldErrors.None);
    }

    /// <summary>
    /// Confirms the proposals of <paramref name="criterionIds"/> (every proposal when null) as they
    /// are shown, each with its grounds as source and its documents and registers as links, in one
    /// commit. Returns how many, or null when the role may not answer or the year has no assessment.
    /// </summary>
    public static async Task<int?> ConfirmProposalsAsync(
        MamoriDb db, Membership membership, Organization organization, int year, IReadOnlyCollection<string>? criterionIds, string actor, DateTimeOffset now, DateOnly today, CultureInfo culture,
        CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return null;
        }

        var sheet = await Star3Assessment.BuildAsync(db, organization, year, today, culture, cancellationToken);
        if (sheet.Assessment is not { } assessment)
        {
            return null;
        }

        var existing = await db.ScsAnswers.Where(a => a.AssessmentId == assessment.Id).ToDictionaryAsync(a => a.CriterionId, StringComparer.Ordinal, cancellationToken);
        var count = 0;
        foreach (var row in sheet.Rows.Where(r => r.IsProposal && (criterionIds is null || criterionIds.Contains(r.Criterion.Id))))
        {
            if (!existing.TryGetValue(row.Criterion.Id, out var answer))
            {
                answer = new ScsAnswer(organization.Id, assessment.Id, row.Criterion.Id);
                db.ScsAnswers.Add(answer);
            }

            answer.Status = row.Status;
            answer.Source = Star3Assessment.SourceOf(row.Grounds, culture);
            answer.Links.Clear();
            answer.Links.AddRange(row.Grounds.Where(g => g.Link is not null).Select(g => g.Link!).Distinct(StringComparer.Ordinal));
            answer.AnsweredAt = now.ToUniversalTime();
            answer.AnsweredBy = actor;
            count++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    public static bool IsCriterion(string id) => ScsCatalog.Default.Find(id) is { Level: <= Star3Assessment.Level };

    public static bool IsRegisterLink(string link) =>
        link == Star3Assessment.AssetsRegister || Inventories.Inventory.Kinds.Any(k => Inventories.Inventory.Link(k) == link);

    public static bool DocumentLink(string link, out Guid documentId)
    {
        documentId = Guid.Empty;
        return link.StartsWith("document:", StringComparison.Ordinal) && Guid.TryParse(link["document:".Length..], out documentId);
    }
}
