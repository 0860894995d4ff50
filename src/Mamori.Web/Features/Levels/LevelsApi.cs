using System.Globalization;
using Mamori.Features.Levels;
using Mamori.Web.Infrastructure;

namespace Mamori.Web.Features.Levels;

/// <summary>/api/v1/organizations/{org}/levels: where the organization stands on each level of the approach.</summary>
public static class LevelsApi
{
    public static void MapLevelsApi(this RouteGroupBuilder org)
    {
        org.MapGet("/levels", async (OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var overview = await LevelOverview.BuildAsync(data.Db, context.Organization, CultureInfo.CurrentUICulture, cancellationToken);
            return Results.Ok(overview);
        }).WithTags("Statement of Applicability")
            .WithName("getLevels").WithSummary("Where the organization stands on each level of the approach").Produces<LevelOverview.Overview>().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
