using System.Net;
using Mamori.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Sign-in with the organization's identity provider (Microsoft Entra ID, Google Workspace or any
/// OpenID Connect provider): the authorization code flow with PKCE, registered only when the
/// installation names a provider (<see cref="OidcSettings"/>). The provider's answer lands in
/// Identity's external cookie; <see cref="ExternalSignInModel"/> then finds the account and signs in
/// with the application cookie, as a password sign-in does.
/// </summary>
public static class OidcSignIn
{
    public const string Scheme = "oidc";

    /// <summary>The redirect URI to register at the provider is this path on Mamori's own address.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>
    /// The scheme and its options, read from configuration or the environment when first needed (so
    /// that tests and `mamori serve` can set them): with no provider set, no scheme exists and the
    /// sign-in page is the password form alone.
    /// </summary>
    public static IServiceCollection AddMamoriOidc(this IServiceCollection services)
    {
        services.TryAddTransient<OpenIdConnectHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<AuthenticationOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (OidcSettings.Read(Setting(configuration)) is { } settings)
            {
                options.AddScheme<OpenIdConnectHandler>(Scheme, settings.DisplayName);
            }
        });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IConfiguration>((options, configuration) =>
        {
            if (OidcSettings.Read(Setting(configuration)) is { } settings)
            {
                Configure(options, settings);
            }
        });
        return services;
    }

    private static Func<string, string?> Setting(IConfiguration configuration) =>
        name => configuration[name] ?? Environment.GetEnvironmentVariable(name);

    private static void Configure(OpenIdConnectOptions options, OidcSettings settings)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.CallbackPath = CallbackPath;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The answer comes back as a top-level GET, which carries SameSite=Lax cookies; a form post
        // from the provider's site would not carry them, and every cookie of Mamori is at least Lax.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        // Claims keep their OpenID Connect names (sub, email, email_verified), taken from the id token alone.
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        // Only a provider on this machine may be reached without TLS (the tests' provider).
        options.RequireHttpsMetadata = !IsLoopback(settings.Authority);
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.TokenValidationParameters.ValidateIssuer = true;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.NameClaimType = "name";
        options.Events.OnRemoteFailure = context =>
        {
            // A refused answer (wrong issuer or audience, expired token, the person cancelled) reads
            // the same to the person; the reason goes to the log.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(OidcSignIn)).LogWarning(context.Failure, "OpenID Connect sign-in refused");
            context.Response.Redirect(ExternalSignInModel.FailedPath);
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));
}

/// <summary>
/// The identity provider of the installation, read from configuration or the environment under the
/// names below, like the SMTP settings (MAMORI_SMTP_*). With no <see cref="AuthorityVariable"/>, there
/// is no provider and people sign in with a password only.
/// </summary>
public sealed record OidcSettings(string Authority, string ClientId, string ClientSecret, string DisplayName)
{
    /// <summary>The issuer's address, whose /.well-known/openid-configuration is read.</summary>
    public const string AuthorityVariable = "MAMORI_OIDC_AUTHORITY";
    public const string ClientIdVariable = "MAMORI_OIDC_CLIENT_ID";
    public const string ClientSecretVariable = "MAMORI_OIDC_CLIENT_SECRET";

    /// <summary>The provider's name on the sign-in button (optional).</summary>
    public const string DisplayNameVariable = "MAMORI_OIDC_DISPLAY_NAME";
    public const string DefaultDisplayName = "OpenID Connect";

    /// <summary>The settings <paramref name="read"/> gives, or null when no authority is set.</summary>
    /// <exception cref="InvalidOperationException">An authority is set but the rest cannot be used.</exception>
    public static OidcSettings? Read(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var authority = read(AuthorityVariable);
        if (string.IsNullOrWhiteSpace(authority))
        {
            return null;
        }

        if (!Uri.TryCreate(authority.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{AuthorityVariable} must be the provider's address (https://…), not '{authority}'.");
        }

        var clientId = read(ClientIdVariable);
        var secret = read(ClientSecretVariable);
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"{ClientIdVariable} and {ClientSecretVariable} must be set when {AuthorityVariable} is set.");
        }

        var name = read(DisplayNameVariable);
        return new(authority.Trim(), clientId.Trim(), secret, string.IsNullOrWhiteSpace(name) ? DefaultDisplayName : name.Trim());
    }

    /// <summary>The secret is never part of the text of these settings (logs, exceptions).</summary>
    public override string ToString() => $"{Authority} as {ClientId} ({DisplayName})";
}
