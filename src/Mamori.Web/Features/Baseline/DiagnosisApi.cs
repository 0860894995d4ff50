using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Baseline;
using Mamori.Features.Baseline;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Baseline;

/// <summary>
/// /api/v1/organizations/{org}/self-diagnosis: the 自社診断's 25 questions, answering them for a department,
/// the results (each department's latest answers, combined, and the history) and the gaps, with the pages' rules:
/// every member reads the questions and results, everyone but auditors and experts answers, readers see the gaps.
/// </summary>
public static class DiagnosisApi
{
    public static void MapDiagnosisApi(this RouteGroupBuilder org)
    {
        org.MapGet("/self-diagnosis/questions", Questions)
            .WithName("listSelfDiagnosisQuestions")
            .WithSummary("List the 25 self-diagnosis questions and the answers they take")
            .WithTags("Self-diagnosis")
            .Produces<DiagnosisQuestionsDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPost("/self-diagnosis/responses", AnswerAsync)
            .WithName("answerSelfDiagnosis")
            .WithSummary("Record one department's answers to all 25 questions")
            .WithTags("Self-diagnosis")
            .Produces<DiagnosisResponseDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/self-diagnosis/responses", HistoryAsync)
            .WithName("listSelfDiagnosisResponses")
            .WithSummary("List every recorded answer sheet, newest first (paged)")
            .WithTags("Self-diagnosis")
            .Produces<ApiPage<DiagnosisResponseDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/self-diagnosis", ResultsAsync)
            .WithName("getSelfDiagnosisResults")
            .WithSummary("Read the results: each department's latest answers and the combined score")
            .WithTags("Self-diagnosis")
            .Produces<DiagnosisResultsDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/self-diagnosis/gaps", GapsAsync)
            .WithName("listSelfDiagnosisGaps")
            .WithSummary("List the items answered below 'done', with the rule chapter that covers each")
            .WithTags("Self-diagnosis")
            .Produces<IReadOnlyList<DiagnosisGapDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Questions() => Results.Ok(QuestionsFor(CultureInfo.CurrentUICulture));

    /// <summary>What GET /self-diagnosis/questions answers (the CLI's `diagnosis questions` prints the same).</summary>
    public static DiagnosisQuestionsDto QuestionsFor(CultureInfo culture)
    {
        var catalog = BaselineCatalog.For(culture);
        var parts = catalog.Parts.ToDictionary(p => p.Id);
        return new DiagnosisQuestionsDto(
            [.. catalog.AnswerLabels.OrderByDescending(a => (int)a.Key).Select(a => new DiagnosisChoiceDto(a.Key.ToString(), (int)a.Key, a.Value))],
            [.. catalog.Items.Select(i => new DiagnosisQuestionDto(i.Number, parts.TryGetValue(i.Part, out var part) ? part.Title : i.Part, i.Label, i.Question, i.Why, i.WhatToDo, i.ControlIds, i.ChapterId))]);
    }

    private static async Task<IResult> AnswerAsync(
        [FromBody] DiagnosisAnswersRequest request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanAnswerDiagnosis)
        {
            return Results.Forbid();
        }

        var (response, errors) = await SelfDiagnosisResults.RecordAsync(
            data.Db, context.Membership, new(request.Department, request.Respondent, request.Answers ?? new Dictionary<int, DiagnosisAnswer>()), time.GetUtcNow(), cancellationToken);
        return response is null
            ? Results.ValidationProblem(ApiFieldNames.Of(errors))
            : Results.Created($"/api/v1/organizations/{context.Organization.Slug}/self-diagnosis/responses", DiagnosisResponseDto.From(response));
    }

    private static async Task<IResult> HistoryAsync([FromQuery] int? page, [FromQuery] int? pageSize, OrganizationData data, CancellationToken cancellationToken)
    {
        var (number, size) = ApiProblems.Paging(page, pageSize);
        var history = (await SelfDiagnosisResults.OverviewAsync(data.Db, cancellationToken)).History.Reverse().ToList();
        return Results.Ok(new ApiPage<DiagnosisResponseDto>(history.Count, number, size, [.. history.Skip((number - 1) * size).Take(size).Select(DiagnosisResponseDto.From)]));
    }

    private static async Task<IResult> ResultsAsync(OrganizationData data, CancellationToken cancellationToken)
    {
        var overview = await SelfDiagnosisResults.OverviewAsync(data.Db, cancellationToken);
        return Results.Ok(DiagnosisResultsDto.From(overview));
    }

    private static async Task<IResult> GapsAsync(OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        var overview = await SelfDiagnosisResults.OverviewAsync(data.Db, cancellationToken);
        var gaps = overview.Latest.Count == 0 ? [] : SelfDiagnosisResults.Gaps(overview.Combined, CultureInfo.CurrentUICulture);
        return Results.Ok(gaps.Select(DiagnosisGapDto.From).ToList());
    }
}

/// <param name="Department">The department answered for; empty for the whole company.</param>
/// <param name="Answers">Every item number 1–25 with Done, Partly, NotDone or Unknown.</param>
public sealed record DiagnosisAnswersRequest(string? Department, string? Respondent, Dictionary<int, DiagnosisAnswer>? Answers);

/// <param name="Answer">The value to send: Done, Partly, NotDone or Unknown.</param>
public sealed record DiagnosisChoiceDto(string Answer, int Points, string Label);

public sealed record DiagnosisQuestionDto(int Number, string Part, string Label, string Question, string Why, string WhatToDo, IReadOnlyList<string> ControlIds, string ChapterId);

public sealed record DiagnosisQuestionsDto(IReadOnlyList<DiagnosisChoiceDto> Choices, IReadOnlyList<DiagnosisQuestionDto> Questions);

public sealed record DiagnosisResponseDto(Guid Id, string Department, string Respondent, DateTimeOffset AnsweredAt, int Score, string Band, IReadOnlyDictionary<int, string> Answers)
{
    public static DiagnosisResponseDto From(DiagnosisResponse r) => new(r.Id, r.Department, r.Respondent, r.AnsweredAt, r.Score, r.Band.ToString(), Names(r.Answers));

    /// <summary>Answers by item number, each as its name (Done, Partly, NotDone, Unknown).</summary>
    public static IReadOnlyDictionary<int, string> Names(IReadOnlyDictionary<int, DiagnosisAnswer> answers) =>
        answers.OrderBy(a => a.Key).ToDictionary(a => a.Key, a => a.Value.ToString());
}

/// <param name="Combined">Each item's weakest answer over the departments' latest sheets.</param>
public sealed record DiagnosisResultsDto(IReadOnlyList<DiagnosisResponseDto> Latest, IReadOnlyDictionary<int, string> Combined, int CombinedScore, string? CombinedBand, int Responses)
{
    public static DiagnosisResultsDto From(SelfDiagnosisResults.Overview o) => new(
        [.. o.Latest.Select(DiagnosisResponseDto.From)], DiagnosisResponseDto.Names(o.Combined), o.CombinedScore,
        o.Latest.Count == 0 ? null : DiagnosisScore.BandOf(o.CombinedScore).ToString(), o.History.Count);
}

public sealed record DiagnosisGapDto(int Number, string Label, string Answer, string WhatToDo, IReadOnlyList<string> ControlIds, string? ChapterId, string? ChapterNumber, string? ChapterTitle)
{
    public static DiagnosisGapDto From(SelfDiagnosisResults.Gap g) => new(
        g.Item.Number, g.Item.Label, g.Answer.ToString(), g.Item.WhatToDo, g.Item.ControlIds, g.Chapter?.Id, g.Chapter?.Number, g.Chapter?.Title);
}
