using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>
/// The real web application on a real database of its own (a SQLite file, or a PostgreSQL
/// database, cloned from the migrated template: <see cref="TestDatabase"/>), dropped afterwards.
/// </summary>
public sealed class WebHost : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-7-battery";

    /// <summary>PBKDF2 rounds of the passwords test hosts store: the format and the checks stay those of the product, the cost does not.</summary>
    public const int TestPasswordHashRounds = 1_000;

    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;

    /// <param name="clock">The application's clock, for tests that move time on; the system's otherwise.</param>
    public WebHost(DatabaseProvider provider = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        _settings = settings ?? [];
        _clock = clock;
        _database = TestDatabase.Create(provider);
    }

    public MamoriDatabase Database => Services.GetRequiredService<MamoriDatabase>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_database.Options.SqliteFile is { } file)
        {
            builder.UseSetting("db", file);
        }
        else
        {
            builder.UseSetting("connection", _database.Options.ConnectionString);
        }

        // Many tests sign in many users on one host; the rate-limit tests set their own caps.
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("RateLimits:TokenRequestsPerMinute", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        builder.ConfigureServices(services =>
        {
            // A password hash costs 100,000 rounds by design, and tests create and sign in hundreds of users.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestPasswordHashRounds);
            if (_clock is not null)
            {
                services.AddSingleton(_clock);
            }
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (so tests see them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A user who belongs to <paramref name="organization"/> with <paramref name="role"/>.</summary>
    public async Task<MamoriUser> UserAsync(string email, Organization? organization = null, MemberRole role = MemberRole.Administrator, string department = "", bool siteAdministrator = false)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new MamoriUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], IsSiteAdministrator = siteAdministrator };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        }

        if (organization is not null)
        {
            await using var db = Database.Open(organization.Id);
            db.Memberships.Add(new Membership(organization.Id, user.Id, role) { Department = department });
            await db.SaveChangesAsync();
        }

        return user;
    }

    public async Task<Organization> OrganizationAsync(string slug, string? name = null)
    {
        // The host migrated its database as it started (and it was a copy of a migrated one).
        var result = await CreateOrganization.HandleAsync(Database, new(slug, name ?? $"株式会社{slug}"), TimeProvider.System);
        return result.Created ?? throw new InvalidOperationException(result.Problem);
    }

    /// <summary>A client signed in as <paramref name="email"/> through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password = Password)
    {
        var client = Browser();
        var response = await client.PostFormAsync("/account/signin", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}

/// <summary>Form posting the way a browser does it: fetch the page, take its antiforgery token, submit.</summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> HtmlAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<IHtmlDocument> GetHtmlAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.HtmlAsync();
    }

    /// <summary>POSTs fields to <paramref name="url"/>, with the antiforgery token of the page at <paramref name="formPage"/> (default: the same URL).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
        => await client.PostFieldsAsync(url, fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).ToList(), formPage);

    /// <summary>Like PostFormAsync, for forms that repeat a field name (checkbox lists).</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string url, List<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url.Split('?')[0]);
        var token = Antiforgery.TokenIn(await page.Content.ReadAsStringAsync());
        Assert.True(token is not null, $"No antiforgery token on {formPage ?? url}");
        var content = new FormUrlEncodedContent([.. fields, KeyValuePair.Create("__RequestVerificationToken", token)]);
        return await client.PostAsync(url, content);
    }

    /// <summary>The antiforgery token of a page, for the API's X-CSRF-TOKEN header.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        return Antiforgery.TokenIn(html) ?? "";
    }

    public static void UseToken(this HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
