using System.Net.Http.Headers;
using Mamori.Accounts;
using Mamori.Api.Client;
using Mamori.Domain.Organizations;
using Mamori.Web.Tests;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Mamori.Api.ClientTests;

/// <summary>
/// The web application on a real 127.0.0.1 port with a SQLite file of its own, one organization
/// (<see cref="Slug"/>) with a security officer, and the generated client calling it with that
/// officer's personal access token, as a script on another machine would.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    public const string Slug = "acme";

    private readonly HttpClient _http = new();

    public WebHost Host { get; } = new();

    public MamoriClient Client { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.UseKestrel(0);
        Host.StartServer();
        Organization = await Host.OrganizationAsync(Slug);
        var officer = await Host.UserAsync("api@example.jp", Organization, MemberRole.SecurityOfficer);

        var (token, hash) = PersonalAccessToken.Generate();
        await using (var db = Host.Database.Open())
        {
            db.PersonalAccessTokens.Add(new PersonalAccessToken(officer.Id, "client tests", hash, token[..12], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)));
            await db.SaveChangesAsync();
        }

        // The token goes in the Authorization header of every call; Kiota's own bearer providers refuse plain http.
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: _http)
        {
            BaseUrl = Host.ClientOptions.BaseAddress.ToString().TrimEnd('/'),
        };
        Client = new MamoriClient(adapter);
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        Host.Dispose();
        return Task.CompletedTask;
    }
}
