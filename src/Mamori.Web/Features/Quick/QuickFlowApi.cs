using System.Globalization;
using System.Security.Claims;
using Mamori.Catalogs;
using Mamori.Domain.Quick;
using Mamori.Features.Quick;
using Mamori.Web.Features.Risks;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Quick;

/// <summary>
/// /api/v1/organizations/{org}/quick: Lv.1 as its pages take it — the year's top-10 threats ranked for the
/// organization, the standards and procedures generated for the chosen threats, and their adoption as drafts.
/// Like the pages, only those who may edit documents use it.
/// </summary>
public static class QuickFlowApi
{
    public static void MapQuickFlowApi(this RouteGroupBuilder org)
    {
        org.MapGet("/quick/threats", RankAsync)
            .WithName("rankQuickThreats")
            .WithSummary("Rank the year's top-10 threats for the organization (Lv.1 step 1)")
            .WithTags("Quick approach")
            .Produces<IReadOnlyList<RankedThreatDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPost("/quick/scenarios", AssessAsync)
            .WithName("assessQuickThreats")
            .WithSummary("Record the chosen threats as risk scenarios, one per asset at stake (Lv.1 step 2)")
            .WithTags("Quick approach")
            .Produces<QuickAssessmentDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/quick/standards", GenerateAsync)
            .WithName("generateQuickStandards")
            .WithSummary("Generate the standards and procedures for the chosen threats, nothing stored (Lv.1 step 3)")
            .WithTags("Quick approach")
            .Produces<IReadOnlyList<GeneratedStandardDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPost("/quick/standards", AdoptAsync)
            .WithName("adoptQuickStandards")
            .WithSummary("Adopt the generated standards and procedures, with the measures kept, reworded or added, as drafts (Lv.1 step 4)")
            .WithTags("Quick approach")
            .Produces<IReadOnlyList<AdoptedDocumentDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RankAsync([FromQuery] int? year, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanEditDocuments)
        {
            return Results.Forbid();
        }

        var culture = CultureInfo.CurrentUICulture;
        var ranked = await RankThreats.HandleAsync(data.Db, context.Organization, year, culture, cancellationToken);
        return Results.Ok(ranked.Select(r => new RankedThreatDto(
            r.Entry.Year, r.Entry.Rank, r.Topic.Id, r.Entry.Title(culture), r.Score, r.Applies, r.Reasons, [.. r.Cases.Select(c => c.Title)])).ToList());
    }

    private static async Task<IResult> AssessAsync(
        [FromBody] QuickAssessmentRequest request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanManageRisks)
        {
            return Results.Forbid();
        }

        var rows = request.Rows ?? [];
        var errors = await AssessThreats.ValidateAsync(data.Db, rows, cancellationToken);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()));
        }

        var result = await AssessThreats.HandleAsync(data.Db, context.Membership, rows, CultureInfo.CurrentUICulture, cancellationToken);
        if (result is null)
        {
            return Results.Forbid();
        }

        foreach (var scenario in result.Scenarios)
        {
            await data.Db.Entry(scenario).Reference(s => s.Asset).LoadAsync(cancellationToken);
        }

        return Results.Ok(new QuickAssessmentDto([.. result.Scenarios.Select(s => RiskDto.From(s, context))], result.Reduce));
    }

    private static async Task<IResult> GenerateAsync([FromQuery] string[]? topics, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanEditDocuments)
        {
            return Results.Forbid();
        }

        if (Unknown(topics) is { } invalid)
        {
            return invalid;
        }

        var roles = await data.Db.PolicyRoles.AsNoTracking().ToListAsync(cancellationToken);
        return Results.Ok(topics!.Distinct().Select(t => GeneratedStandardDto.From(
            GenerateStandards.Generate(t, context.Organization, roles, GenerateStandards.Edits.None, CultureInfo.CurrentUICulture))).ToList());
    }

    private static async Task<IResult> AdoptAsync(
        [FromBody] QuickAdoptionRequest request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanEditDocuments)
        {
            return Results.Forbid();
        }

        if (Unknown(request.Topics) is { } invalid)
        {
            return invalid;
        }

        var culture = CultureInfo.CurrentUICulture;
        var roles = await data.Db.PolicyRoles.AsNoTracking().ToListAsync(cancellationToken);
        var kept = request.Kept?.ToHashSet();
        var texts = request.Texts ?? new Dictionary<string, string>();
        var generated = request.Topics!.Distinct().Select(topic => GenerateStandards.Generate(topic, context.Organization, roles,
            new GenerateStandards.Edits(kept, texts, [.. (request.Added ?? []).Where(a => a.Topic == topic).Select(a => (a.Section, a.Text ?? ""))]), culture)).ToList();
        var adopted = await AdoptStandards.HandleAsync(data.Db, context.Membership, generated, user.Identity?.Name ?? "", time.GetUtcNow(), cancellationToken);
        return adopted is null
            ? Results.Forbid()
            : Results.Ok(adopted.Select(d => new AdoptedDocumentDto(d.Id, d.Kind.ToString(), d.Number, d.Title)).ToList());
    }

    /// <summary>400 naming <c>topics</c> when none is given or one has no Lv.1 template; null when all are known.</summary>
    private static IResult? Unknown(IReadOnlyList<string>? topics)
    {
        var quick = QuickCatalog.For(CultureInfo.CurrentUICulture);
        var unknown = (topics ?? []).Where(t => quick.StandardFor(t) is null).ToList();
        return topics is null or { Count: 0 } || unknown.Count > 0
            ? ApiProblems.Invalid("topics", string.Format(CultureInfo.CurrentCulture, EndpointText.TopicsUnknown, string.Join(", ", unknown), string.Join(", ", CatalogSet.Default.Topics.Select(t => t.Id))))
            : null;
    }
}

/// <param name="Reasons">Why the threat applies to this organization (its profile and register).</param>
/// <param name="Cases">Titles of incident cases like the organization's.</param>
public sealed record RankedThreatDto(int Year, int Rank, string Topic, string Title, int Score, bool Applies, IReadOnlyList<string> Reasons, IReadOnlyList<string> Cases);

public sealed record GeneratedProcedureDto(string Audience, string Title, string Markdown, IReadOnlyList<string> ControlIds);

public sealed record GeneratedStandardDto(string Topic, string Title, string Markdown, IReadOnlyList<string> ControlIds, IReadOnlyList<GeneratedProcedureDto> Procedures)
{
    public static GeneratedStandardDto From(GenerateStandards.GeneratedStandard s) =>
        new(s.TopicId, s.Title, s.Markdown, s.ControlIds, [.. s.Procedures.Select(p => new GeneratedProcedureDto(p.Audience, p.Title, p.Markdown, p.ControlIds))]);
}

/// <param name="Rows">Each chosen threat (a topic id of GET /quick/threats) with the assets at stake, ratings of 1 to 3 and the treatment.</param>
public sealed record QuickAssessmentRequest(IReadOnlyList<AssessThreats.Row>? Rows);

/// <param name="Scenarios">The risk scenarios created, one per threat and asset.</param>
/// <param name="Reduce">The threats treated by reducing them: the topics to generate standards for (GET /quick/standards).</param>
public sealed record QuickAssessmentDto(IReadOnlyList<RiskDto> Scenarios, IReadOnlyList<string> Reduce);

/// <param name="Topics">The threats (topic ids of GET /quick/threats) whose standards to adopt.</param>
/// <param name="Kept">The template measures to keep, by id; all of them when absent.</param>
/// <param name="Texts">Measures reworded: measure id → new text.</param>
/// <param name="Added">Measures of the organization's own, each in a topic's section.</param>
public sealed record QuickAdoptionRequest(IReadOnlyList<string>? Topics, IReadOnlyList<string>? Kept, Dictionary<string, string>? Texts, IReadOnlyList<AddedMeasure>? Added);

public sealed record AddedMeasure(string Topic, MeasureSection Section, string? Text);

public sealed record AdoptedDocumentDto(Guid Id, string Kind, string Number, string Title);
