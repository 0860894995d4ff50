using System.Security.Claims;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Resolves the {org} of the route to an organization the signed-in user is a member of,
/// before any page or endpoint runs. Anything else — an unknown slug, or an organization
/// the user does not belong to — is 404, so another organization's existence is not revealed.
/// </summary>
public sealed class OrganizationResolver(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, MamoriDb accounts, OrganizationContext organizationContext, OrganizationData data)
    {
        if (context.GetRouteValue("org") is string slug && context.User.Identity?.IsAuthenticated == true)
        {
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var organization = await accounts.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, context.RequestAborted);
            if (organization is not null && userId is not null)
            {
                // Read through the context the page then uses, so the request opens one for its organization, not two.
                var membership = await data.OpenFor(organization.Id).Memberships.AsNoTracking()
                    .SingleOrDefaultAsync(m => m.UserId == userId, context.RequestAborted);
                if (membership is not null)
                {
                    organizationContext.Set(organization, membership);
                }
            }

            if (!organizationContext.IsSet)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        await next(context);
    }
}
