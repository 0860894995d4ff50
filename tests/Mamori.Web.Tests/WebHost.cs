using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mamori.Web.Tests;

/// <summary>
/// The real web application on a real database of its own (a SQLite file, or a fresh
/// PostgreSQL database on the server the test script starts), dropped afterwards.
/// </summary>
public sealed class WebHost : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-7-battery";

    private readonly string? _folder;
    private readonly string? _postgresName;
    private readonly string _dbSetting;
    private readonly string _dbValue;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;

    /// <param name="clock">The application's clock, for tests that move time on; the system's otherwise.</param>
    public WebHost(DatabaseProvider provider = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        _settings = settings ?? [];
        _clock = clock;
        if (provider == DatabaseProvider.Sqlite)
        {
            _folder = Path.Combine(Path.GetTempPath(), "mamori-web-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            (_dbSetting, _dbValue) = ("db", Path.Combine(_folder, "mamori.db"));
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES")
                ?? throw new InvalidOperationException("MAMORI_TEST_POSTGRES is not set; run the tests with ./test.");
            _postgresName = $"mamori_web_{Guid.NewGuid():N}";
            using (var connection = new NpgsqlConnection(admin))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresName}", connection);
                create.ExecuteNonQuery();
            }

            (_dbSetting, _dbValue) = ("connection", new NpgsqlConnectionStringBuilder(admin) { Database = _postgresName }.ConnectionString);
        }
    }

    public MamoriDatabase Database => Services.GetRequiredService<MamoriDatabase>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(_dbSetting, _dbValue);
        // Many tests sign in many users on one host; the rate-limit tests set their own caps.
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("RateLimits:TokenRequestsPerMinute", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }
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
        await Database.MigrateAsync();
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
        if (!disposing)
        {
            return;
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES"));
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }
}

/// <summary>Form posting the way a browser does it: fetch the page, take its antiforgery token, submit.</summary>
public static partial class Forms
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
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formPage ?? url}");
        var content = new FormUrlEncodedContent([.. fields, KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value)]);
        return await client.PostAsync(url, content);
    }

    /// <summary>The antiforgery token of a page, for the API's X-CSRF-TOKEN header.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        return TokenPattern().Match(html).Groups[1].Value;
    }

    public static void UseToken(this HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
