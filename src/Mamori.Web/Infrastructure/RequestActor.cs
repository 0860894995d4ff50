using System.Security.Claims;
using Mamori.Data;

namespace Mamori.Web.Infrastructure;

/// <summary>Who is making this request, as the audit log records it.</summary>
public sealed class RequestActor(IHttpContextAccessor http, TimeProvider time)
{
    // Read on each use: the scope can begin before authentication has set the user.
    public Actor Actor => new(
        http.HttpContext?.User.FindFirstValue(ClaimTypes.Email) is { Length: > 0 } email ? email
            : http.HttpContext?.User.Identity?.Name ?? "anonymous",
        time);

    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
}
