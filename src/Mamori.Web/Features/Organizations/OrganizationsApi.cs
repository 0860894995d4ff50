using System.Security.Claims;
using Mamori.Data;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Features.Organizations;

/// <summary>/api/v1/organizations (the caller's organizations) and /api/v1/organizations/{org}/ (one of them, with the caller's role).</summary>
public static class OrganizationsApi
{
    public static void MapOrganizationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organizations", ListOrganizationsAsync).WithTags("Organizations")
            .WithName("listOrganizations").WithSummary("List the organizations the caller belongs to");
        api.MapGet("/organizations/{org}", (OrganizationContext context) => TypedResults.Ok(OrganizationDto.From(context))).WithTags("Organizations")
            .WithName("getOrganization").WithSummary("Read an organization's profile and the caller's role in it");
    }

    private static async Task<Ok<List<OrganizationSummaryDto>>> ListOrganizationsAsync(ClaimsPrincipal user, MamoriDatabase database, CancellationToken cancellationToken)
    {
        var items = await Mamori.Features.Organizations.ListOrganizations.ForUserAsync(database, user.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        return TypedResults.Ok(items.Select(i => new OrganizationSummaryDto(i.Organization.Slug, i.Organization.Name, i.Role.ToString())).ToList());
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
