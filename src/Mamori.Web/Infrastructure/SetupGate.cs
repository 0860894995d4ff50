namespace Mamori.Web.Infrastructure;

/// <summary>Until the first account exists, every page leads to /setup.</summary>
public sealed class SetupGate(RequestDelegate next, SetupState setup)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/lib")
            || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/culture")
            || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/status");
        if (!exempt && !await setup.IsSetUpAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }
}
