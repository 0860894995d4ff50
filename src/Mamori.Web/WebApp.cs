using Mamori.Web.Infrastructure;

namespace Mamori.Web;

/// <summary>Builds the Mamori web application; used by Program, by `mamori serve` and by tests.</summary>
public static class WebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Pages and embedded files live in this assembly whichever program hosts it.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddMamoriWeb();

        var app = builder.Build();
        app.UseMamoriWeb();
        app.MapMamoriWeb();
        return app;
    }
}
