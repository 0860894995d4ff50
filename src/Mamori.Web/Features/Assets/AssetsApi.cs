using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Features.Assets;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Assets;

/// <summary>/api/v1/organizations/{org}/assets: the register, one asset, and its writes.</summary>
public static class AssetsApi
{
    public static void MapAssetsApi(this RouteGroupBuilder org)
    {
        org.MapGet("/assets", ListAssetsAsync).WithTags("Assets")
            .WithName("listAssets").WithSummary("List the register's assets, a page at a time").ProducesProblem(StatusCodes.Status403Forbidden);
        org.MapGet("/assets/{id:guid}", GetAssetAsync).WithTags("Assets")
            .WithName("getAsset").WithSummary("Read one asset").ProducesProblem(StatusCodes.Status403Forbidden);
        org.MapPost("/assets", CreateAssetAsync).WithTags("Assets")
            .WithName("createAsset").WithSummary("Register an asset")
            .Produces<AssetDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        org.MapPut("/assets/{id:guid}", UpdateAssetAsync).WithTags("Assets")
            .WithName("updateAsset").WithSummary("Change an asset (send the version you read)")
            .Produces<AssetDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        org.MapDelete("/assets/{id:guid}", DeleteAssetAsync).WithTags("Assets")
            .WithName("deleteAsset").WithSummary("Delete an asset that no risk scenario uses").ProducesProblem(StatusCodes.Status403Forbidden);
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
        var result = await SaveAsset.HandleAsync(data.Db, context.Membership, id, request, time.Today(context.Organization), cancellationToken);
        return ApiResults.Saved(result.Status, result.Errors, id,
            () => AssetDto.From(result.Asset!, context.Organization.RiskBands),
            dto => $"/api/v1/organizations/{context.Organization.Slug}/assets/{dto.Id}");
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> DeleteAssetAsync(
        Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        var result = await DeleteAsset.HandleAsync(data.Db, context.Membership, id, cancellationToken);
        return result.Outcome switch
        {
            DeleteAsset.Outcome.NotFound => TypedResults.NotFound(),
            DeleteAsset.Outcome.Forbidden => TypedResults.Forbid(),
            DeleteAsset.Outcome.HasScenarios => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: result.Problem),
            _ => TypedResults.NoContent(),
        };
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
