using System.Globalization;
using Mamori.Domain.Policies;
using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>
/// /api/v1/organizations/{org}/procedures: for every member (従業員 included), the published procedures that
/// apply to them, and acknowledging one, as on the 手順書 page.
/// </summary>
public static class AcknowledgementsApi
{
    public static void MapAcknowledgementsApi(this RouteGroupBuilder org)
    {
        org.MapGet("/procedures", ListAsync)
            .WithName("listMyProcedures")
            .WithSummary("List the published procedures that apply to the caller, with the caller's acknowledgement (paged)")
            .WithTags("Documents")
            .Produces<ApiPage<ProcedureDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPost("/procedures/{id:guid}/acknowledgement", AcknowledgeAsync)
            .WithName("acknowledgeProcedure")
            .WithSummary("Acknowledge having read the published version of a procedure")
            .WithTags("Documents")
            .Produces<ProcedureDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(
        [FromQuery] int? page, [FromQuery] int? pageSize, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var (number, size) = ApiProblems.Paging(page, pageSize);
        var mine = await Acknowledgements.ForMemberAsync(data.Db, context.Membership, cancellationToken);
        var roles = await data.Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var today = time.Today(context.Organization);
        return Results.Ok(new ApiPage<ProcedureDto>(mine.Count, number, size,
            [.. mine.Skip((number - 1) * size).Take(size).Select(p => ProcedureDto.From(p, RenderPolicy.Fill(p.Published.Body, context.Organization, roles, p.Document, p.Published, today, CultureInfo.CurrentUICulture).Text))]));
    }

    private static async Task<IResult> AcknowledgeAsync(
        [FromRoute] Guid id, [FromBody] AcknowledgementRequest request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Version is not { } number)
        {
            return ApiProblems.Invalid("version", EndpointText.VersionNumberRequired);
        }

        var version = await data.Db.DocumentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DocumentId == id && v.Number == number, cancellationToken);
        if (version is null)
        {
            return Results.NotFound();
        }

        // The version read is no longer the published one: the reader should read the one that is.
        if (version.Status != VersionStatus.Published)
        {
            return ApiProblems.Conflict(string.Format(CultureInfo.CurrentCulture, EndpointText.NotPublishedVersion, number));
        }

        switch (await Acknowledgements.AcknowledgeAsync(data.Db, context.Membership, version.Id, time.GetUtcNow(), cancellationToken))
        {
            case SaveStatus.Forbidden:
                return Results.Forbid();
            case SaveStatus.NotFound:
                return Results.NotFound();
        }

        var procedure = (await Acknowledgements.ForMemberAsync(data.Db, context.Membership, cancellationToken)).Single(p => p.Published.Id == version.Id);
        return Results.Ok(ProcedureDto.From(procedure, null));
    }
}

/// <param name="Version">The number of the published version read.</param>
public sealed record AcknowledgementRequest(int? Version);

/// <param name="Text">The published text with its placeholders filled, as the page shows it; null in an acknowledgement's answer.</param>
public sealed record ProcedureDto(Guid DocumentId, string Number, string Title, int Version, DateTimeOffset? PublishedAt, DateTimeOffset? AcknowledgedAt, string? Text)
{
    public static ProcedureDto From(Acknowledgements.ProcedureForMember p, string? text) =>
        new(p.Document.Id, p.Document.Number, p.Document.Title, p.Published.Number, p.Published.PublishedAt, p.AcknowledgedAt, text);
}
