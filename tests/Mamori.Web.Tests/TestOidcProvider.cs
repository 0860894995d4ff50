using System.Security.Claims;
using System.Text.Json.Nodes;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mamori.Web.Tests;

/// <summary>
/// A real OpenID Connect provider (an OpenIddict server) on 127.0.0.1 and a port of its own, with
/// Mamori registered as a confidential client using the code flow with PKCE. Whoever reaches its
/// authorization endpoint is signed in at once as <see cref="Next"/>; <see cref="Fault"/> makes the
/// next id tokens wrong on purpose, re-signed with the provider's own key.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "mamori-test";
    public const string ClientSecret = "a-test-client-secret-1";
    public const string DisplayName = "テスト IdP";

    /// <summary>Where Mamori's test host (WebApplicationFactory's http://localhost) receives the answer.</summary>
    public const string RedirectUri = "http://localhost" + OidcSignIn.CallbackPath;

    private readonly WebApplication _app;
    private readonly string _databaseFile;

    private TestOidcProvider(WebApplication app, string databaseFile, string authority, List<Exception> errors)
    {
        _app = app;
        _databaseFile = databaseFile;
        Authority = authority;
        Errors = errors;
    }

    public sealed record Person(string Subject, string Email, bool? EmailVerified, string Name = "");

    public enum TokenFault
    {
        None,
        WrongIssuer,
        WrongAudience,
        Expired,
    }

    /// <summary>The provider's issuer, e.g. http://127.0.0.1:41234/.</summary>
    public string Authority { get; }

    /// <summary>The person the provider signs in next.</summary>
    public Person Next { get; set; } = new("subject-1", "someone@example.jp", true);

    public TokenFault Fault { get; set; }

    /// <summary>What the provider failed on, for a test's message.</summary>
    public IReadOnlyList<Exception> Errors { get; }

    /// <summary>Mamori's settings for this provider.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        [OidcSettings.AuthorityVariable] = Authority,
        [OidcSettings.ClientIdVariable] = ClientId,
        [OidcSettings.ClientSecretVariable] = ClientSecret,
        [OidcSettings.DisplayNameVariable] = DisplayName,
    };

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestOidcProvider).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var databaseFile = Path.Combine(Path.GetTempPath(), $"mamori-oidc-provider-{Guid.NewGuid():N}.db");
        builder.Services.AddDbContext<ProviderDb>(options => options.UseSqlite($"Data Source={databaseFile};Pooling=false").UseOpenIddict());
        TestOidcProvider? provider = null;
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
                options.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        provider?.Spoil(context);
                        return default;
                    })
                    .SetOrder(int.MinValue + 100_000));
            });

        var app = builder.Build();
        var errors = new List<Exception>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception error)
            {
                lock (errors)
                {
                    errors.Add(error);
                }

                throw;
            }
        });
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) => provider!.Authorize(context));
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            // The code was checked (client, secret, PKCE verifier, redirect URI); its principal becomes the tokens.
            var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return code.Principal is { } principal
                ? Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                RedirectUris = { new Uri(RedirectUri) },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider = new TestOidcProvider(app, databaseFile, address.TrimEnd('/') + "/", errors);
        return provider;
    }

    /// <summary>Signs <see cref="Next"/> in, as if the person had just entered a password at the provider.</summary>
    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var person = Next;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Subject));
        identity.AddClaim(new Claim(Claims.Email, person.Email));
        if (person.EmailVerified is { } verified)
        {
            identity.AddClaim(new Claim(Claims.EmailVerified, verified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        if (person.Name.Length > 0)
        {
            identity.AddClaim(new Claim(Claims.Name, person.Name));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Replaces the id token of a token response by one with the <see cref="Fault"/>, signed with the same key.</summary>
    private void Spoil(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        if (Fault == TokenFault.None || context.Response.IdToken is not { } idToken)
        {
            return;
        }

        var handler = new JsonWebTokenHandler();
        var token = handler.ReadJsonWebToken(idToken);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (Fault)
        {
            case TokenFault.WrongIssuer:
                payload["iss"] = "http://127.0.0.1:1/another-issuer/";
                break;
            case TokenFault.WrongAudience:
                payload["aud"] = "another-client";
                break;
            case TokenFault.Expired:
                payload["iat"] = now - 7200;
                payload["nbf"] = now - 7200;
                payload["exp"] = now - 3600;
                break;
        }

        var credentials = context.Options.SigningCredentials.First();
        context.Response.IdToken = handler.CreateToken(payload.ToJsonString(), credentials, new Dictionary<string, object> { ["typ"] = "JWT" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_databaseFile);
    }

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
