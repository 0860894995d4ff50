using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>/api/v1/organizations/{org}/documents: the policy set, its versions, its export and its consistency check.</summary>
public static class PoliciesApi
{
    public static void MapPoliciesApi(this RouteGroupBuilder org)
    {
        org.MapGet("/documents", async (OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var items = await DocumentStatus.ListAsync(data.Db, time.Today(context.Organization), cancellationToken);
            return Results.Ok(items.Select(DocumentDto.From).ToList());
        }).WithTags("Documents")
            .WithName("listDocuments").WithSummary("List the policy set's documents with their review state").Produces<List<DocumentDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/documents/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, TimeProvider time, HttpResponse response, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var item = (await DocumentStatus.ListAsync(data.Db, time.Today(context.Organization), cancellationToken)).SingleOrDefault(i => i.Document.Id == id);
            if (item is null)
            {
                return Results.NotFound();
            }

            var versions = await data.Db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
            response.Headers.ETag = DocumentTags.Of(item.Document.Version);
            return Results.Ok(new DocumentDetailDto(DocumentDto.From(item), [.. versions.Select(VersionDto.From)]));
        }).WithTags("Documents")
            .WithName("getDocument").WithSummary("Read one document with all its versions; its ETag is the version an edit sends as If-Match").Produces<DocumentDetailDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/documents/check", async (OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var findings = await CheckPolicySet.HandleAsync(data.Db, context.Membership, context.Organization, time.Today(context.Organization), System.Globalization.CultureInfo.CurrentUICulture, cancellationToken);
            return findings is null ? Results.Forbid() : Results.Ok(findings.Select(CheckFindingDto.From).ToList());
        }).WithTags("Documents")
            .WithName("checkDocuments").WithSummary("Check the policy set for conflicting values, placeholders and undefined roles").Produces<List<CheckFindingDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/documents/export", async (string? format, bool? drafts, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var chosen = format switch
            {
                "pdf" => ExportPolicySet.Format.Pdf,
                "md" => ExportPolicySet.Format.Markdown,
                _ => ExportPolicySet.Format.Docx,
            };
            var result = await ExportPolicySet.HandleAsync(data.Db, context.Organization, time.Today(context.Organization), chosen, System.Globalization.CultureInfo.CurrentUICulture, drafts == true, cancellationToken);
            return result.Content is null
                ? Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: result.Problem)
                : Results.File(result.Content, ExportPolicySet.ContentType(chosen), $"{context.Organization.Slug}-policy.{ExportPolicySet.Extension(chosen)}");
        }).WithTags("Documents")
            .WithName("exportDocuments").WithSummary("Export the policy set as one file: docx (default), pdf, or md (a zip of Markdown files)")
            .Produces<Stream>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf", "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <param name="Version">The document's concurrency version, to send with its next edit (or as If-Match: "N").</param>
public sealed record DocumentDto(
    Guid Id, string Kind, string Number, string Title, string Scope, Guid? StandardId, IReadOnlyList<string> Audiences, IReadOnlyList<string> ControlIds,
    int ReviewIntervalMonths, DateOnly? NextReviewOn, int? LatestVersion, string? LatestStatus, int? PublishedVersion, bool ReviewDue, bool ReviewOverdue, bool RevisionRecommended,
    IReadOnlyList<string> ChangedRuleValues, int Version)
{
    public static DocumentDto From(DocumentStatus.Item i) => new(
        i.Document.Id, i.Document.Kind.ToString(), i.Document.Number, i.Document.Title, i.Document.Scope, i.Document.StandardId, i.Document.Audiences, i.Document.ControlIds,
        i.Document.ReviewIntervalMonths, i.Document.NextReviewOn, i.Latest?.Number, i.Latest?.Status.ToString(), i.Published?.Number, i.ReviewDue, i.ReviewOverdue, i.RevisionRecommended,
        [.. i.ChangedRuleValues.Select(c => c.Key)], i.Document.Version);
}

/// <summary>A document and every version of it, oldest first.</summary>
public sealed record DocumentDetailDto(DocumentDto Document, IReadOnlyList<VersionDto> Versions);

public sealed record VersionDto(int Number, string Status, string Body, string Summary, string Author, DateTimeOffset CreatedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, DateTimeOffset? PublishedAt)
{
    public static VersionDto From(DocumentVersion v) => new(v.Number, v.Status.ToString(), v.Body, v.Summary, v.Author, v.CreatedAt, v.ApprovedBy, v.ApprovedAt, v.PublishedAt);
}

/// <param name="Kind">conflicting-value, placeholder, undefined-role, excluded-control, unpublished-standard or house-style.</param>
/// <param name="Section">The nearest heading above the text, "" before the first heading.</param>
/// <param name="Detail">What is wrong, in the request's language.</param>
public sealed record CheckFindingDto(string Kind, Guid DocumentId, string DocumentNumber, string DocumentTitle, string Section, string Text, string Detail)
{
    public static CheckFindingDto From(CheckPolicySet.Finding f) => new(
        CheckPolicySet.Code(f.Kind),
        f.DocumentId, f.DocumentNumber, f.DocumentTitle, f.Section, f.Text, f.Detail);
}
