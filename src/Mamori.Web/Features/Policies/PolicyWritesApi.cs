using System.Globalization;
using System.Security.Claims;
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
/// /api/v1/organizations/{org}/documents: creating a document, editing it (its text saved as a draft), and
/// moving a version through 下書き → レビュー中 → 承認済 → 公開, with the page's use cases and rules.
/// A document's edit carries its <c>version</c> (or If-Match: "N"); a stale one answers 409 (412 for If-Match).
/// </summary>
public static class PolicyWritesApi
{
    public static void MapPolicyWritesApi(this RouteGroupBuilder org)
    {
        org.MapPost("/documents", CreateAsync)
            .WithName("createDocument")
            .WithSummary("Create a policy document with its first draft")
            .WithTags("Documents")
            .Produces<DocumentSavedDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPut("/documents/{id:guid}", UpdateAsync)
            .WithName("updateDocument")
            .WithSummary("Edit a document; its text is saved as a draft (a new version when the latest is not a draft)")
            .WithTags("Documents")
            .Produces<DocumentSavedDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        foreach (var (path, step, summary) in new[]
        {
            ("submit", DocumentLifecycle.Step.Submit, "Submit a draft version for review"),
            ("return", DocumentLifecycle.Step.Return, "Send a version in review back to draft"),
            ("approve", DocumentLifecycle.Step.Approve, "Approve a version in review"),
            ("publish", DocumentLifecycle.Step.Publish, "Publish an approved version (the published one before it is superseded)"),
        })
        {
            org.MapPost($"/documents/{{id:guid}}/versions/{{number:int}}/{path}", (
                    [FromRoute] Guid id, [FromRoute] int number, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
                    StepAsync(id, number, step, user, context, data, time, cancellationToken))
                .WithName(path + "DocumentVersion")
                .WithSummary(summary)
                .WithTags("Documents")
                .Produces<VersionDto>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    private static Task<IResult> CreateAsync(
        [FromBody] SaveDocument.Request request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, HttpRequest http, CancellationToken cancellationToken) =>
        SaveAsync(null, request, user, context, data, time, http, cancellationToken);

    private static Task<IResult> UpdateAsync(
        [FromRoute] Guid id, [FromBody] SaveDocument.Request request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, HttpRequest http, CancellationToken cancellationToken) =>
        SaveAsync(id, request, user, context, data, time, http, cancellationToken);

    private static async Task<IResult> SaveAsync(
        Guid? id, SaveDocument.Request request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, HttpRequest http, CancellationToken cancellationToken)
    {
        // If-Match: "N" names the version read; it wins over the body's, and a mismatch is 412 rather than 409.
        var ifMatch = id is null ? null : DocumentTags.Version(http);
        if (ifMatch is { } tagged)
        {
            request = request with { Version = tagged };
        }

        var result = await SaveDocument.HandleAsync(data.Db, context.Membership, id, request, user.Identity?.Name ?? "", time.GetUtcNow(), cancellationToken);
        if (result.Status == SaveStatus.Conflict && ifMatch is not null)
        {
            return ApiProblems.Stale();
        }

        if (result.Status != SaveStatus.Saved)
        {
            return ApiResults.Saved<object>(result.Status, result.Errors, id, () => new(), _ => "");
        }

        var document = result.Document!;
        var status = (await DocumentStatus.ListAsync(data.Db, time.Today(context.Organization), cancellationToken)).Single(i => i.Document.Id == document.Id);
        var saved = new DocumentSavedDto(DocumentDto.From(status), document.Version, result.Draft is { } draft ? VersionDto.From(draft) : null);
        http.HttpContext.Response.Headers.ETag = DocumentTags.Of(document.Version);
        return id is null
            ? Results.Created($"/api/v1/organizations/{context.Organization.Slug}/documents/{document.Id}", saved)
            : Results.Ok(saved);
    }

    private static async Task<IResult> StepAsync(
        Guid id, int number, DocumentLifecycle.Step step, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var version = await data.Db.DocumentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DocumentId == id && v.Number == number, cancellationToken);
        var outcome = version is null
            ? DocumentLifecycle.Outcome.NotFound
            : await DocumentLifecycle.HandleAsync(data.Db, context.Membership, context.Organization, version.Id, step, user.Identity?.Name ?? "", time.GetUtcNow(), cancellationToken);
        // A reader without the right gets 403 whether or not the version exists, as the page answers.
        if (outcome == DocumentLifecycle.Outcome.NotFound && !(step == DocumentLifecycle.Step.Submit ? context.Membership.CanEditDocuments : context.Membership.CanApproveDocuments))
        {
            outcome = DocumentLifecycle.Outcome.Forbidden;
        }

        switch (outcome)
        {
            case DocumentLifecycle.Outcome.Forbidden:
                return Results.Forbid();
            case DocumentLifecycle.Outcome.NotFound:
                return Results.NotFound();
            case DocumentLifecycle.Outcome.NotAllowedNow:
                return ApiProblems.Conflict(string.Format(CultureInfo.CurrentCulture, EndpointText.StepNotAllowed, version!.Status));
        }

        var moved = await data.Db.DocumentVersions.AsNoTracking().SingleAsync(v => v.Id == version!.Id, cancellationToken);
        return Results.Ok(VersionDto.From(moved));
    }
}

/// <param name="Document">The document as the list shows it.</param>
/// <param name="Version">The document's concurrency version, to send back with the next edit (or as If-Match: "N").</param>
/// <param name="Draft">The draft the text was saved in; null when the text did not change.</param>
public sealed record DocumentSavedDto(DocumentDto Document, int Version, VersionDto? Draft);

/// <summary>A document's entity tag: its concurrency version, quoted.</summary>
internal static class DocumentTags
{
    public static string Of(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an If-Match header names ("N" or W/"N"), or null without one.</summary>
    public static int? Version(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        value = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
