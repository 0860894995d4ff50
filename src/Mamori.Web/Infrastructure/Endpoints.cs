using Mamori.Data;
using Mamori.Domain;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>Small endpoints of the host itself.</summary>
public static class Endpoints
{
    /// <summary>GET /health: 200 when the database answers, 503 otherwise.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (MamoriDatabase database, CancellationToken cancellationToken) =>
        {
            try
            {
                await using var db = database.Open();
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? Results.Text("ok")
                    : Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>POST /culture: remembers the chosen language in a cookie and goes back.</summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapPost("/culture", async (HttpContext context, TimeProvider time) =>
        {
            // The form is read here rather than bound, so a missing or forged token is a 400, not an exception.
            if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                return Results.BadRequest();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var culture = (form["lang"] == "en" ? Language.English : Language.Japanese).Name;
            string? returnUrl = form["returnUrl"];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).AllowAnonymous().ExcludeFromDescription();
}
