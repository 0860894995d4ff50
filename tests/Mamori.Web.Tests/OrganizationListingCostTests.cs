using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Features.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>
/// The pages and endpoint that list a user's organizations cost the same whatever the number of
/// organizations in the installation: the SQL commands they send are counted, not timed.
/// </summary>
public sealed class Listing_organizations
{
    private static readonly string[] Paths = ["/", "/orgs", "/api/v1/organizations"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sends_as_many_SQL_commands_with_500_organizations_as_with_1(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var commands = new CommandCounter();
        var counted = Counting(host, commands);
        var database = counted.Services.GetRequiredService<MamoriDatabase>();
        await database.MigrateAsync();
        var first = await CreateAsync(database, "org-000");
        var user = await UserAsync(counted, "member@example.jp");
        await JoinAsync(database, first, user, MemberRole.Employee);
        var client = await SignedInAsync(counted, "member@example.jp");
        await CostsAsync(client, commands);
        var withOne = await CostsAsync(client, commands);

        var others = await CreateManyAsync(database, 499);
        await JoinAsync(database, others[200], user, MemberRole.Auditor);
        await JoinAsync(database, others[498], user, MemberRole.SecurityOfficer);
        var withFiveHundred = await CostsAsync(client, commands);

        Assert.Equal(withOne, withFiveHundred);
        var listed = await client.GetFromJsonAsync<List<OrganizationSummary>>("/api/v1/organizations");
        Assert.Equal(["org-000", "org-201", "org-499"], listed!.Select(o => o.Slug).Order());
        var page = await client.GetHtmlAsync("/orgs");
        Assert.Equal(3, page.QuerySelectorAll("main .list-group-item").Length);
        Assert.Equal("/orgs", (await client.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_installation_wide_listing_counts_every_organizations_assets_in_one_command()
    {
        using var host = new WebHost();
        var commands = new CommandCounter();
        var counted = Counting(host, commands);
        var database = counted.Services.GetRequiredService<MamoriDatabase>();
        await database.MigrateAsync();
        var organizations = await CreateManyAsync(database, 500);
        foreach (var (organization, assets) in new[] { (organizations[3], 2), (organizations[400], 1) })
        {
            await using var db = database.Open(organization.Id);
            for (var i = 0; i < assets; i++)
            {
                db.Assets.Add(new InformationAsset(organization.Id, $"資産{i}", Rating.From(1), Rating.From(1), Rating.From(1)));
            }

            await db.SaveChangesAsync();
        }

        commands.Reset();
        var items = await ListOrganizations.ForSiteAdministratorAsync(database);

        Assert.Equal(1, commands.Count);
        Assert.Equal(organizations.Select(o => o.Slug).Order(StringComparer.Ordinal), items.Select(i => i.Organization.Slug));
        Assert.Equal(3, items.Sum(i => i.AssetCount));
        Assert.Equal(2, items.Single(i => i.Organization.Id == organizations[3].Id).AssetCount);
        Assert.Equal(1, items.Single(i => i.Organization.Id == organizations[400].Id).AssetCount);
    }

    private sealed record OrganizationSummary(string Slug, string Name, string Role);

    /// <summary>The number of SQL commands each listing sends, by path.</summary>
    private static async Task<Dictionary<string, int>> CostsAsync(HttpClient client, CommandCounter commands)
    {
        var costs = new Dictionary<string, int>();
        foreach (var path in Paths)
        {
            commands.Reset();
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"GET {path} answered {(int)response.StatusCode}");
            costs[path] = commands.Count;
        }

        return costs;
    }

    /// <summary>The host, with every context its database opens reporting its commands to <paramref name="commands"/>.</summary>
    private static WebApplicationFactory<Program> Counting(WebHost host, CommandCounter commands) =>
        host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var configured = services.Last(s => s.ServiceType == typeof(MamoriDatabase));
            services.AddSingleton(provider =>
            {
                var database = (MamoriDatabase)configured.ImplementationFactory!(provider);
                return new MamoriDatabase(database.Options with { Interceptors = [commands] });
            });
        }));

    private static async Task<Organization> CreateAsync(MamoriDatabase database, string slug)
    {
        var result = await CreateOrganization.HandleAsync(database, new(slug, $"株式会社{slug}"), TimeProvider.System);
        return result.Created ?? throw new InvalidOperationException(result.Problem);
    }

    /// <summary><paramref name="count"/> organizations, org-001 onwards, stored in one save.</summary>
    private static async Task<List<Organization>> CreateManyAsync(MamoriDatabase database, int count)
    {
        var organizations = Enumerable.Range(1, count)
            .Select(i => new Organization($"org-{i:D3}", $"株式会社{i:D3}", DateTimeOffset.UtcNow))
            .ToList();
        await using var db = database.Open();
        db.Organizations.AddRange(organizations);
        await db.SaveChangesAsync();
        return organizations;
    }

    private static async Task<MamoriUser> UserAsync(WebApplicationFactory<Program> host, string email)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>();
        var user = new MamoriUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, WebHost.Password)).Succeeded);
        return user;
    }

    private static async Task JoinAsync(MamoriDatabase database, Organization organization, MamoriUser user, MemberRole role)
    {
        await using var db = database.Open(organization.Id);
        db.Memberships.Add(new Membership(organization.Id, user.Id, role));
        await db.SaveChangesAsync();
    }

    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> host, string email)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/account/signin", new() { ["Email"] = email, ["Password"] = WebHost.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Counts the SQL commands sent, and keeps their text for the failure message.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _sent = new();

        public int Count => _sent.Count;

        public void Reset() => _sent.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Sent(command, result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Sent(command, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            Sent(command, result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Sent(command, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            Sent(command, result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Sent(command, result));

        private T Sent<T>(DbCommand command, T result)
        {
            _sent.Enqueue(command.CommandText);
            return result;
        }
    }
}
