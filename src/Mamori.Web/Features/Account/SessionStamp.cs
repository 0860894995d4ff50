using System.Security.Claims;
using Mamori.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Ends a session whose user's security stamp has changed since it began. Sign-out, a new password
/// and turning two-factor on or off change the stamp, so every other copy of the session cookie
/// stops working on its next request, not at Identity's default check half an hour later.
/// </summary>
/// <remarks>One indexed read of the stamp a request; Identity's own periodic check (which rebuilds the claims) still runs after it.</remarks>
public static class SessionStamp
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var current = userId is null
            ? null
            : await services.GetRequiredService<MamoriDb>().Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || !string.Equals(current.SecurityStamp ?? "", stamp ?? "", StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
