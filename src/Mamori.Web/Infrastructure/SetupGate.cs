using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>Until the first account exists, every page leads to /setup.</summary>
public sealed class SetupGate(RequestDelegate next)
{
    // Once true it stays true: accounts are never all deleted through the product.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> SetUp = new();

    public async Task InvokeAsync(HttpContext context, MamoriDatabase database)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/lib")
            || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/culture")
            || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/status");
        if (!exempt && !await IsSetUpAsync(database, context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }

    public static async Task<bool> IsSetUpAsync(MamoriDatabase database, CancellationToken cancellationToken)
    {
        var key = database.Options.ConnectionString;
        if (SetUp.ContainsKey(key))
        {
            return true;
        }

        await using var db = database.Open();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            SetUp[key] = true;
            return true;
        }

        return false;
    }
}
