using System.Security.Claims;
using Mamori.Data;

namespace Mamori.Web.Infrastructure;

/// <summary>Who is making this request, as the audit log records it.</summary>
public sealed class RequestActor(IHttpContextAccessor http, TimeProvider time)
{
    public Actor Actor { get; } = new(
        http.HttpContext?.User.FindFirstValue(ClaimTypes.Email)
            ?? http.HttpContext?.User.Identity?.Name
            ?? "anonymous",
        time);

    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
}
