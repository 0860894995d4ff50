using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>/api/v1/organizations/{org}/documents/{id}: the 改訂履歴 (versions, one version, two compared) and who has acknowledged a procedure.</summary>
public static class PolicyVersionsApi
{
    public static void MapPolicyVersionsApi(this RouteGroupBuilder org)
    {
        org.MapGet("/documents/{id:guid}/versions", ListVersionsAsync)
            .WithName("listDocumentVersions")
            .WithSummary("List a document's versions, oldest first (paged)")
            .WithTags("Documents")
            .Produces<DocumentVersionsDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/documents/{id:guid}/versions/{number:int}", GetVersionAsync)
            .WithName("getDocumentVersion")
            .WithSummary("Read one version of a document")
            .WithTags("Documents")
            .Produces<VersionDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/documents/{id:guid}/compare", CompareAsync)
            .WithName("compareDocumentVersions")
            .WithSummary("Compare two versions of a document line by line")
            .WithTags("Documents")
            .Produces<ComparisonDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/documents/{id:guid}/readers", ReadersAsync)
            .WithName("listDocumentReaders")
            .WithSummary("List who the published procedure applies to and whether each has acknowledged it (paged)")
            .WithTags("Documents")
            .Produces<ApiPage<ReaderDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListVersionsAsync(
        [FromRoute] Guid id, [FromQuery] int? page, [FromQuery] int? pageSize, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        var document = await data.Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return Results.NotFound();
        }

        var (number, size) = ApiProblems.Paging(page, pageSize);
        var versions = data.Db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == id);
        var total = await versions.CountAsync(cancellationToken);
        var items = await versions.OrderBy(v => v.Number).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return Results.Ok(new DocumentVersionsDto(document.Id, document.Version, new(total, number, size, [.. items.Select(VersionDto.From)])));
    }

    private static async Task<IResult> GetVersionAsync(
        [FromRoute] Guid id, [FromRoute] int number, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        var version = await data.Db.DocumentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DocumentId == id && v.Number == number, cancellationToken);
        return version is null ? Results.NotFound() : Results.Ok(VersionDto.From(version));
    }

    private static async Task<IResult> CompareAsync(
        [FromRoute] Guid id, [FromQuery] int? from, [FromQuery] int? to, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        var missing = new Dictionary<string, string[]>();
        if (from is null)
        {
            missing["from"] = [Mamori.Web.Resources.EndpointText.VersionNumberRequired];
        }

        if (to is null)
        {
            missing["to"] = [Mamori.Web.Resources.EndpointText.VersionNumberRequired];
        }

        if (missing.Count > 0)
        {
            return Results.ValidationProblem(missing);
        }

        var versions = await data.Db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == id && (v.Number == from || v.Number == to)).ToListAsync(cancellationToken);
        var older = versions.SingleOrDefault(v => v.Number == from);
        var newer = versions.SingleOrDefault(v => v.Number == to);
        if (older is null || newer is null)
        {
            return Results.NotFound();
        }

        var lines = CompareVersions.Lines(older.Body, newer.Body);
        return Results.Ok(new ComparisonDto(from!.Value, to!.Value, [.. lines.Select(l => new ComparedLineDto(l.Change.ToString().ToLowerInvariant(), l.Text))]));
    }

    private static async Task<IResult> ReadersAsync(
        [FromRoute] Guid id, [FromQuery] int? page, [FromQuery] int? pageSize, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        if (!await data.Db.PolicyDocuments.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return Results.NotFound();
        }

        var (number, size) = ApiProblems.Paging(page, pageSize);
        var readers = await Acknowledgements.ReadersAsync(data.Db, id, cancellationToken);
        return Results.Ok(new ApiPage<ReaderDto>(readers.Count, number, size,
            [.. readers.Skip((number - 1) * size).Take(size).Select(r => new ReaderDto(r.UserId, r.DisplayName, r.Email, r.AcknowledgedAt))]));
    }
}

/// <param name="DocumentVersion">The document's concurrency version, to send with its next edit.</param>
public sealed record DocumentVersionsDto(Guid DocumentId, int DocumentVersion, ApiPage<VersionDto> Versions);

/// <param name="Change">same, added or removed.</param>
public sealed record ComparedLineDto(string Change, string Text);

public sealed record ComparisonDto(int From, int To, IReadOnlyList<ComparedLineDto> Lines);

/// <param name="AcknowledgedAt">When they acknowledged the published version; null when they have not.</param>
public sealed record ReaderDto(string UserId, string DisplayName, string Email, DateTimeOffset? AcknowledgedAt);
