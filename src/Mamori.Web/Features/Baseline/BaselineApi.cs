using System.Globalization;
using System.Security.Claims;
using Mamori.Features;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Baseline;

/// <summary>
/// /api/v1/organizations/{org}/baseline: Lv.2 steps 3 and 4 as the tailoring page takes them — the rule
/// chapters the profile calls for, filled in, who holds each role, and adoption of the chapters as drafts.
/// </summary>
public static class BaselineApi
{
    public static void MapBaselineApi(this RouteGroupBuilder org)
    {
        org.MapGet("/baseline/tailoring", TailoringAsync)
            .WithName("getBaselineTailoring")
            .WithSummary("Read the rule chapters tailored to the organization, its roles and what is still unset")
            .WithTags("Baseline approach")
            .Produces<TailoringDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPut("/baseline/holders", SaveHoldersAsync)
            .WithName("saveBaselineHolders")
            .WithSummary("Save who holds each role (by stored role id, or by template key while none is stored)")
            .WithTags("Baseline approach")
            .Produces<TailoringDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPost("/baseline/adoption", AdoptAsync)
            .WithName("adoptBaseline")
            .WithSummary("Adopt the tailored rule chapters as draft standards")
            .WithTags("Baseline approach")
            .Produces<IReadOnlyList<Quick.AdoptedDocumentDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> TailoringAsync(OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        return Results.Ok(await ReadAsync(context, data, cancellationToken));
    }

    private static async Task<IResult> SaveHoldersAsync([FromBody] HoldersRequest request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        var status = await SaveTailoring.HandleAsync(data.Db, context.Membership, new(request.Holders ?? new Dictionary<string, string?>()), CultureInfo.CurrentUICulture, cancellationToken);
        return status switch
        {
            SaveStatus.Forbidden => Results.Forbid(),
            SaveStatus.NotFound => Results.NotFound(),
            _ => Results.Ok(await ReadAsync(context, data, cancellationToken)),
        };
    }

    private static async Task<IResult> AdoptAsync(ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await AdoptRules.HandleAsync(data.Db, context.Membership, context.Organization, user.Identity?.Name ?? "", time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        if (result is null)
        {
            return Results.Forbid();
        }

        if (result.Unfilled.Count > 0)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                detail: string.Format(CultureInfo.CurrentCulture, EndpointText.AdoptionUnfilled, string.Join(", ", result.Unfilled)),
                extensions: new Dictionary<string, object?> { ["unfilled"] = result.Unfilled });
        }

        return Results.Ok(result.Chapters.Select(d => new Quick.AdoptedDocumentDto(d.Id, d.Kind.ToString(), d.Number, d.Title)).ToList());
    }

    private static Task<TailoringDto> ReadAsync(OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        ReadTailoringAsync(data.Db, context.Organization, CultureInfo.CurrentUICulture, cancellationToken);

    /// <summary>What GET /baseline/tailoring answers (the CLI's `baseline tailoring` prints the same).</summary>
    public static async Task<TailoringDto> ReadTailoringAsync(Mamori.Data.MamoriDb db, Mamori.Domain.Organizations.Organization organization, CultureInfo culture, CancellationToken cancellationToken)
    {
        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var stored = roles.Count > 0;
        var shown = stored ? roles : SaveRoles.Defaults(organization.Id, culture);
        var (measures, _) = await AdoptRules.QuickMeasuresAsync(db, organization, culture, cancellationToken);
        var tailored = TailorRules.Tailor(organization, roles, culture, measures.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value.Select(x => x.Text).ToList()));
        return new TailoringDto(
            [.. tailored.Select(t => new TailoredChapterDto(t.Chapter.Id, t.Chapter.Number, t.Chapter.Title, t.Markdown, t.Unfilled))],
            [.. shown.Select(r => new HolderDto(stored ? r.Id.ToString() : r.Key, r.Title, r.Holders))],
            [.. tailored.SelectMany(t => t.Unfilled).Distinct()]);
    }
}

/// <param name="Holders">Who holds each role: the key of GET's <c>roles</c> → the holder's name.</param>
public sealed record HoldersRequest(Dictionary<string, string?>? Holders);

/// <param name="Unfilled">What is still unset across the chapters; adoption waits for none.</param>
public sealed record TailoringDto(IReadOnlyList<TailoredChapterDto> Chapters, IReadOnlyList<HolderDto> Roles, IReadOnlyList<string> Unfilled);

public sealed record TailoredChapterDto(string Id, string Number, string Title, string Markdown, IReadOnlyList<string> Unfilled);

/// <param name="Key">What to name the role by in PUT /baseline/holders: its id once stored, its template key before.</param>
public sealed record HolderDto(string Key, string Title, string Holders);
