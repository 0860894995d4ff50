using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>
/// A browser session may call the API, but its writes must carry the antiforgery token
/// (header X-CSRF-TOKEN), so another site cannot make a signed-in browser write.
/// Token-authenticated calls need no such token.
/// </summary>
internal sealed class CookieWritesNeedAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
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
