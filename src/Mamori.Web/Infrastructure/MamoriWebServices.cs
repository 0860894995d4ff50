using System.Globalization;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Web.Features.Account;
using Mamori.Web.Features.Notifications;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;

namespace Mamori.Web.Infrastructure;

/// <summary>What the web application is made of, as one list per phase: services, middleware, endpoints.</summary>
public static class MamoriWebServices
{
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [CultureInfo.GetCultureInfo("ja-JP"), CultureInfo.GetCultureInfo("en-US")];

    /// <summary>Comma-separated addresses of reverse proxies whose X-Forwarded-* headers are believed (loopback always is).</summary>
    public const string KnownProxiesVariable = "MAMORI_KNOWN_PROXIES";

    public static IServiceCollection AddMamoriWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // Japanese text is written as characters, not &#x…; entities (still HTML-encoded where it matters).
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton(sp =>
        {
            // Read when first needed, so tests and `mamori serve` can set db/connection before.
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new MamoriDatabase(DatabaseOptions.Resolve(configuration["db"], configuration["connection"], name => configuration[name] ?? Environment.GetEnvironmentVariable(name)).Pooled());
        });
        services.AddHttpContextAccessor();
        services.AddScoped<RequestActor>();
        services.AddScoped<OrganizationContext>();
        services.AddScoped<OrganizationData>();
        services.AddSingleton<OrganizationSnapshots>();
        services.AddSingleton<SetupState>();
        // The context Identity uses: accounts only, no organization's rows.
        services.AddScoped<MamoriDb>(sp => sp.GetRequiredService<MamoriDatabase>().Open(null, sp.GetRequiredService<RequestActor>().Actor));
        // Keys in the database: every node on it reads the others' cookies and antiforgery tokens, and a restore keeps sessions.
        services.AddDataProtection()
            .SetApplicationName("mamori")
            .PersistKeysToDbContext<MamoriDb>();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Scheme and client address from a reverse proxy, trusted only from loopback or MAMORI_KNOWN_PROXIES.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var known = Environment.GetEnvironmentVariable(KnownProxiesVariable);
            foreach (var address in (known ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(address));
            }
        });

        services.AddIdentity<MamoriUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorCodes.ProviderName;
            })
            .AddEntityFrameworkStores<MamoriDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorCodes>(SingleUseAuthenticatorCodes.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrors>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "mamori";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnValidatePrincipal = SessionStamp.ValidateAsync;
            // A refused action answers 403 in place (the status page explains it), rather than redirecting.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null);
        services.AddMamoriOidc();
        services.AddAuthorizationBuilder()
            .AddPolicy(MamoriApi.Policy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, AccessTokenAuthentication.SchemeName)
                .RequireAuthenticatedUser());

        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToFolder("/Setup");
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/SignInTwoFactor");
            options.Conventions.AllowAnonymousToPage("/Account/Denied");
            options.Conventions.ConfigureFilter(new CheckboxValueGuard());
        });
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.Name = "mamori-csrf";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Every cookie the application sets (Identity's second-factor cookies, the language) is
        // HttpOnly, at least SameSite=Lax, and Secure whenever the request came over TLS.
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = CookieSecurePolicy.SameAsRequest;
        });
        services.AddMamoriRateLimits();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        // Every API error is RFC 9457 problem details, the bare 401/403/404 of the pipeline included.
        services.AddProblemDetails();
        services.AddMamoriOpenApi();
        services.AddMamoriMail();
        services.AddMamoriNotifications();
        services.AddHostedService<StartupTasks>();
        return services;
    }

    public static WebApplication UseMamoriWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseSecurityHeaders();
        app.UseApiReferenceScriptHashes();
        app.UseCookiePolicy();

        // Pages get a readable error page; the API keeps its bare status codes and problem details.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePages());
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(WebApp).Assembly, "wwwroot"),
        });
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<SetupGate>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<OrganizationResolver>();
        return app;
    }

    public static WebApplication MapMamoriWeb(this WebApplication app)
    {
        app.MapHealth();
        app.MapCultureSwitch();
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapMamoriApi();
        app.MapApiReference();
        return app;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
