using System.Globalization;
using System.Security.Claims;
using Mamori.Domain.Scs;
using Mamori.Features;
using Mamori.Features.Scs;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Features.Scs;

/// <summary>/api/v1/organizations/{org}/scs: the ★3 assessment of a year (?year=, else this fiscal year), one criterion, answering it and its review.</summary>
public static class ScsApi
{
    public static void MapScsApi(this RouteGroupBuilder org)
    {
        org.MapGet("/scs", async (int? year, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var sheet = await SheetAsync(year, context, data, time, cancellationToken);
            return Results.Ok(ScsAssessmentDto.From(sheet));
        }).WithTags("SCS ★3")
            .WithName("getScsAssessment").WithSummary("Read the ★3 self-assessment of a fiscal year").Produces<ScsAssessmentDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/scs/{criterion}", async (string criterion, int? year, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var sheet = await SheetAsync(year, context, data, time, cancellationToken);
            var row = sheet.Rows.SingleOrDefault(r => r.Criterion.Id == criterion);
            return row is null ? Results.NotFound() : Results.Ok(ScsCriterionDto.From(sheet, row));
        }).WithTags("SCS ★3")
            .WithName("getScsCriterion").WithSummary("Read the answer to one ★3 criterion").Produces<ScsCriterionDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapPut("/scs/{criterion}", async (string criterion, int? year, ScsAnswerRequest request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var chosen = year ?? Star3Assessment.CurrentYear(time.Today(context.Organization));
            var (status, errors) = await AnswerCriterion.HandleAsync(data.Db, context.Membership, context.Organization, chosen,
                new(criterion, request.Status ?? ScsAnswerStatus.Unanswered, request.Reason, request.Note, request.Links, request.FromProposal ?? false),
                Actor(user), time.GetUtcNow(), time.Today(context.Organization), CultureInfo.CurrentUICulture, cancellationToken);
            return await AnswerAsync(status, errors, criterion, chosen, context, data, time, cancellationToken);
        }).WithTags("SCS ★3")
            .WithName("answerScsCriterion").WithSummary("Answer one ★3 criterion").Produces<ScsCriterionDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapPost("/scs/{criterion}/review", async (string criterion, int? year, ScsReviewRequest request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var chosen = year ?? Star3Assessment.CurrentYear(time.Today(context.Organization));
            var (status, errors) = await ReviewCriterion.HandleAsync(data.Db, context.Membership, context.Organization, chosen,
                new(criterion, request.State ?? ScsReviewState.None, request.Text), Actor(user), time.GetUtcNow(), cancellationToken);
            return await AnswerAsync(status, errors, criterion, chosen, context, data, time, cancellationToken);
        }).WithTags("SCS ★3")
            .WithName("reviewScsCriterion").WithSummary("Add a review step to one ★3 criterion").Produces<ScsCriterionDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> AnswerAsync(
        SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, string criterion, int year, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        if (status != SaveStatus.Saved)
        {
            return status switch
            {
                SaveStatus.NotFound => Results.NotFound(),
                SaveStatus.Forbidden => Results.Forbid(),
                _ => Results.ValidationProblem(ApiResults.CamelCase(errors)),
            };
        }

        var sheet = await SheetAsync(year, context, data, time, cancellationToken);
        return Results.Ok(ScsCriterionDto.From(sheet, sheet.Rows.Single(r => r.Criterion.Id == criterion)));
    }

    private static Task<Star3Assessment.Sheet> SheetAsync(int? year, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.Today(context.Organization);
        return Star3Assessment.BuildAsync(data.Db, context.Organization, year ?? Star3Assessment.CurrentYear(today), today, CultureInfo.CurrentUICulture, cancellationToken);
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "";
}

/// <summary>An answer to one criterion; <see cref="FromProposal"/> keeps the proposal's grounds as its source.</summary>
public sealed record ScsAnswerRequest(ScsAnswerStatus? Status, string? Reason, string? Note, IReadOnlyList<string>? Links, bool? FromProposal);

/// <summary>A review step: Requested or Addressed by the organization, Raised or Confirmed by the expert reviewer.</summary>
public sealed record ScsReviewRequest(ScsReviewState? State, string? Text);

public sealed record ScsProgressDto(string Category, string Title, int Criteria, int Met, int Partial, int NotMet, int NotApplicable, int Proposed, int Unanswered);

public sealed record ScsNoteDto(string State, string Text, DateTimeOffset WrittenAt, string WrittenBy);

public sealed record ScsAssessmentDto(
    int Year, bool Started, int Criteria, int Answered, int Proposals, int Confirmed, bool ConfirmedByExpert, IReadOnlyList<int> Years,
    IReadOnlyList<ScsProgressDto> Progress, IReadOnlyList<ScsNoteDto> Opinion, IReadOnlyList<ScsCriterionDto> Rows)
{
    public static ScsAssessmentDto From(Star3Assessment.Sheet sheet)
    {
        var culture = CultureInfo.CurrentUICulture;
        return new(sheet.Year, sheet.Assessment is not null, sheet.Rows.Count, sheet.Answered, sheet.Proposals, sheet.Confirmed, sheet.IsConfirmedByExpert, sheet.Years,
            [.. sheet.Progress.Select(p => new ScsProgressDto(p.Category.Id, p.Category.Title.In(culture), p.Criteria, p.Met, p.Partial, p.NotMet, p.NotApplicable, p.Proposed, p.Unanswered))],
            [.. sheet.Opinion.Select(ScsCriterionDto.NoteOf)],
            [.. sheet.Rows.Select(r => ScsCriterionDto.From(sheet, r))]);
    }
}

public sealed record ScsCriterionDto(
    string Id, string Requirement, string Category, string Text, bool Yearly, string Status, bool Proposed, string Reason, string Note, string Source,
    IReadOnlyList<string> Grounds, IReadOnlyList<string> Links, IReadOnlyList<string> EvidenceFiles, string ReviewState, IReadOnlyList<ScsNoteDto> Review,
    Guid? TaskId, DateTimeOffset? AnsweredAt, string? AnsweredBy)
{
    public static ScsNoteDto NoteOf(Star3Assessment.Note n) => new(Star3Words.Key(n.State), n.Text, n.WrittenAt, n.WrittenBy);

    public static ScsCriterionDto From(Star3Assessment.Sheet sheet, Star3Assessment.Row r) => new(
        r.Criterion.Id, r.Criterion.RequirementId, r.Criterion.CategoryId, r.Criterion.Text.In(CultureInfo.CurrentUICulture), r.Criterion.Yearly,
        Star3Words.Key(r.Status), r.IsProposal, r.Reason, r.Note, r.Answer?.Source ?? "",
        [.. r.Grounds.Select(g => g.Label)], [.. sheet.LinksOf(r).Select(l => l.Link)], [.. r.Files.Select(f => f.FileName)],
        Star3Words.Key(r.ReviewState), [.. r.Review.Select(NoteOf)], r.Task?.Id, r.Answer?.AnsweredAt, r.Answer?.AnsweredBy);
}
