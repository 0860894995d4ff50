using System.Security.Claims;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Catalog;
using Mamori.Domain.Risk;
using Mamori.Features;
using Mamori.Features.Assets;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Api;

/// <summary>
/// The REST API under /api/v1: organizations, assets, risk scenarios, treatments, documents, the SoA and
/// catalogs. Every path needs a personal access token or a browser session; another
/// organization's ids answer 404, a role that does not allow the action 403.
/// </summary>
public static class ApiEndpoints
{
    public const string Policy = "api";

    public static void MapMamoriApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policy)
            .AddEndpointFilter<CookieWritesNeedAntiforgery>()
            .DisableAntiforgery();

        api.MapGet("/organizations", ListOrganizationsAsync).WithTags("Organizations");
        var org = api.MapGroup("/organizations/{org}");
        org.MapGet("/", (OrganizationContext context) => TypedResults.Ok(OrganizationDto.From(context))).WithTags("Organizations");

        org.MapGet("/assets", ListAssetsAsync).WithTags("Assets");
        org.MapGet("/assets/{id:guid}", GetAssetAsync).WithTags("Assets");
        org.MapPost("/assets", CreateAssetAsync).WithTags("Assets");
        org.MapPut("/assets/{id:guid}", UpdateAssetAsync).WithTags("Assets");
        org.MapDelete("/assets/{id:guid}", DeleteAssetAsync).WithTags("Assets");

        org.MapRiskApi();
        org.MapTreatmentApi();
        org.MapPolicyApi();
        org.MapSoaApi();

        var catalog = api.MapGroup("/catalog").WithTags("Catalogs");
        catalog.MapGet("/controls", () => TypedResults.Ok(CatalogSet.Default.Controls.Select(ControlDto.From)));
        catalog.MapGet("/threats", () => TypedResults.Ok(CatalogSet.Default.Threats.Select(ThreatDto.From)));
        catalog.MapGet("/vulnerabilities", () => TypedResults.Ok(CatalogSet.Default.Vulnerabilities.Select(VulnerabilityDto.From)));
        catalog.MapGet("/top10", (int? year) =>
        {
            var catalogs = CatalogSet.Default;
            var entries = catalogs.TopThreatsOf(year ?? catalogs.TopThreatYears[^1]);
            return entries.Count == 0 ? Results.NotFound() : Results.Ok(entries);
        });
    }

    private static async Task<Ok<List<OrganizationSummaryDto>>> ListOrganizationsAsync(ClaimsPrincipal user, MamoriDatabase database, CancellationToken cancellationToken)
    {
        var items = await Mamori.Features.Organizations.ListOrganizations.ForUserAsync(database, user.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        return TypedResults.Ok(items.Select(i => new OrganizationSummaryDto(i.Organization.Slug, i.Organization.Name, i.Role.ToString())).ToList());
    }

    private static async Task<Results<Ok<AssetPage>, ForbidHttpResult>> ListAssetsAsync(
        OrganizationContext context, OrganizationData data, OrganizationSnapshots snapshots, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return TypedResults.Forbid();
        }

        var size = Math.Clamp(pageSize ?? 100, 1, 1000);
        var number = Math.Max(page ?? 1, 1);
        var query = data.Db.Assets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(a => a.Name.Contains(q) || a.Notes.Contains(q) || a.BusinessCategory.Contains(q) || a.Department.Contains(q));
        }

        var total = string.IsNullOrWhiteSpace(q)
            ? (await snapshots.RegisterAsync(data.Db, cancellationToken)).Count
            : await query.CountAsync(cancellationToken);
        var assets = await query.OrderBy(a => a.BusinessCategory).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var bands = context.Organization.RiskBands;
        return TypedResults.Ok(new AssetPage(total, number, size, assets.Select(a => AssetDto.From(a, bands)).ToList()));
    }

    private static async Task<Results<Ok<AssetDto>, NotFound, ForbidHttpResult>> GetAssetAsync(
        Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return TypedResults.Forbid();
        }

        var asset = await data.Db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return asset is null ? TypedResults.NotFound() : TypedResults.Ok(AssetDto.From(asset, context.Organization.RiskBands));
    }

    private static Task<IResult> CreateAssetAsync(SaveAsset.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        SaveAsync(null, request, context, data, time, cancellationToken);

    private static Task<IResult> UpdateAssetAsync(Guid id, SaveAsset.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        SaveAsync(id, request, context, data, time, cancellationToken);

    private static async Task<IResult> SaveAsync(Guid? id, SaveAsset.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await SaveAsset.HandleAsync(data.Db, context.Membership, id, request, DateOnly.FromDateTime(time.GetLocalNow().DateTime), cancellationToken);
        return result.Status switch
        {
            SaveStatus.NotFound => Results.NotFound(),
            SaveStatus.Forbidden => Results.Forbid(),
            SaveStatus.Invalid => Results.ValidationProblem(CamelCase(result.Errors)),
            SaveStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: Resources.CommonText.ConcurrencyConflict),
            _ when id is null => Results.Created($"/api/v1/organizations/{context.Organization.Slug}/assets/{result.Asset!.Id}", AssetDto.From(result.Asset, context.Organization.RiskBands)),
            _ => Results.Ok(AssetDto.From(result.Asset!, context.Organization.RiskBands)),
        };
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAssetAsync(
        Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        var asset = await data.Db.Assets.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        if (!context.Membership.CanEditAsset(asset.Department))
        {
            return TypedResults.Forbid();
        }

        data.Db.Assets.Remove(asset);
        await data.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Field names as JSON writes them (confidentiality, not Confidentiality).</summary>
    public static Dictionary<string, string[]> CamelCase(IReadOnlyDictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value.ToArray());

    /// <summary>
    /// A browser session may call the API, but its writes must carry the antiforgery token
    /// (header X-CSRF-TOKEN), so another site cannot make a signed-in browser write.
    /// Token-authenticated calls need no such token.
    /// </summary>
    private sealed class CookieWritesNeedAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
            if (!safe && http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme
                && !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Missing or invalid antiforgery token (X-CSRF-TOKEN).");
            }

            return await next(context);
        }
    }
}

public sealed record OrganizationSummaryDto(string Slug, string Name, string Role);

public sealed record OrganizationDto(
    string Slug, string Name, string Industry, int? EmployeeCount, bool UsesCloudServices, bool Teleworks,
    bool HandlesPersonalInformation, bool HandlesMyNumber, bool HasPublicWebsite, bool CustomersRequireIsmsCertification, string RiskBands, string Role)
{
    public static OrganizationDto From(OrganizationContext context)
    {
        var o = context.Organization;
        return new(o.Slug, o.Name, o.Industry, o.EmployeeCount, o.UsesCloudServices, o.Teleworks,
            o.HandlesPersonalInformation, o.HandlesMyNumber, o.HasPublicWebsite, o.CustomersRequireIsmsCertification, o.RiskBands.Key, context.Membership.Role.ToString());
    }
}

public sealed record AssetPage(int Total, int Page, int PageSize, IReadOnlyList<AssetDto> Items);

public sealed record AssetDto(
    Guid Id, string BusinessCategory, string Name, string Notes, string UserScope, string RiskOwner, string Department,
    string MediaAndLocation, bool PersonalInformation, bool SensitivePersonalInformation, bool MyNumber,
    int Confidentiality, int Integrity, int Availability, int Importance, string RetentionPeriod, DateOnly RegisteredOn,
    int? ThreatLikelihood, int? VulnerabilityExposure, int? Likelihood, int? RiskValue, string? Band, int Version)
{
    public static AssetDto From(InformationAsset a, RiskBandScheme bands) => new(
        a.Id, a.BusinessCategory, a.Name, a.Notes, a.UserScope, a.RiskOwner, a.Department, a.MediaAndLocation,
        a.PersonalInformation.HasFlag(PersonalInformationKinds.Personal),
        a.PersonalInformation.HasFlag(PersonalInformationKinds.Sensitive),
        a.PersonalInformation.HasFlag(PersonalInformationKinds.MyNumber),
        a.Confidentiality.Value, a.Integrity.Value, a.Availability.Value, a.Importance.Value, a.RetentionPeriod, a.RegisteredOn,
        a.ThreatLikelihood?.Value, a.VulnerabilityExposure?.Value, a.Likelihood?.Value, a.RiskValue?.Value,
        a.RiskValue is { } r ? bands.Classify(r).ToString().ToLowerInvariant() : null, a.Version);
}

public sealed record ControlDto(string Id, string TitleJa, string TitleEn, string Theme, IReadOnlyList<string> ControlTypes,
    IReadOnlyList<string> SecurityProperties, IReadOnlyList<string> CybersecurityConcepts, IReadOnlyList<string> OperationalCapabilities)
{
    public static ControlDto From(Control c) => new(c.Id, c.TitleJa, c.TitleEn, c.Theme.ToString().ToLowerInvariant(),
        c.Attributes.ControlTypes, c.Attributes.SecurityProperties, c.Attributes.CybersecurityConcepts, c.Attributes.OperationalCapabilities);
}

public sealed record ThreatDto(string Id, string Category, string TitleJa, string TitleEn, IReadOnlyList<string> Origins, IReadOnlyList<string> Controls)
{
    public static ThreatDto From(Threat t) => new(t.Id, t.Category, t.TitleJa, t.TitleEn, t.OriginCodes.Split('/'), t.ControlIds);
}

public sealed record VulnerabilityDto(string Id, string AssetType, string TitleJa, string TitleEn, IReadOnlyList<string> Threats, IReadOnlyList<string> Controls)
{
    public static VulnerabilityDto From(Vulnerability v) => new(v.Id, v.AssetType.ToString().ToLowerInvariant(), v.TitleJa, v.TitleEn, v.ThreatIds, v.ControlIds);
}
