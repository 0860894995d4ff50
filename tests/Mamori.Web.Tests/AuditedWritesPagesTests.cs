using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

public class Deleting_an_asset_that_has_risk_scenarios
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private const string Statement = "盗難による情報漏えい";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Is_refused_to_a_department_manager_naming_them_and_done_for_a_security_officer_with_audit_entries(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var org = await host.OrganizationAsync("dept");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var managerUser = await host.UserAsync("sales@example.jp", org, MemberRole.DepartmentManager, department: "営業部");
        var (asset, scenario) = await AssetWithScenarioAsync(host, org);
        var url = $"/o/dept/assets/{asset}/delete";

        var manager = await host.SignedInAsync("sales@example.jp");
        var confirm = await manager.GetHtmlAsync(url);
        Assert.Contains(Statement, confirm.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Null(confirm.QuerySelector("main form[method=post] .btn-danger"));
        var posted = await manager.PostFormAsync(url, new());
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(Statement, (await posted.HtmlAsync()).QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        var api = host.CreateClient();
        api.UseToken(await The_REST_API.TokenAsync(host, managerUser));
        var refused = await api.DeleteAsync($"/api/v1/organizations/dept/assets/{asset}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(Statement, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.True(await db.Assets.AnyAsync(a => a.Id == asset));
            Assert.True(await db.RiskScenarios.AnyAsync(s => s.Id == scenario));
        }

        var officer = await host.SignedInAsync("officer@example.jp");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(url, new())).StatusCode);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.False(await db.RiskScenarios.AnyAsync());
            var deleted = await db.AuditEntries.Where(e => e.Action == AuditAction.Deleted).Select(e => new { e.EntityType, e.EntityId, e.Actor }).ToListAsync();
            Assert.Equal([("InformationAsset", asset.ToString()), ("RiskScenario", scenario.ToString())], deleted.Select(e => (e.EntityType, e.EntityId)).Order());
            Assert.All(deleted, e => Assert.Equal("officer@example.jp", e.Actor));
        }
    }

    internal static async Task<(Guid Asset, Guid Scenario)> AssetWithScenarioAsync(WebHost host, Organization org)
    {
        await using var db = host.Database.Open(org.Id);
        var asset = new InformationAsset(org.Id, "ノートPC内の情報", Rating.High, Rating.High, Rating.Medium) { Department = "営業部" };
        var scenario = SeedExamples.LaptopScenario(org.Id, asset.Id);
        db.Assets.Add(asset);
        db.RiskScenarios.Add(scenario);
        await db.SaveChangesAsync();
        return (asset.Id, scenario.Id);
    }
}

public class Recording_the_Lv1_assessment
{
    [Theory]
    [MemberData(nameof(Deleting_an_asset_that_has_risk_scenarios.Providers), MemberType = typeof(Deleting_an_asset_that_has_risk_scenarios))]
    public async Task Stores_no_scenario_when_one_of_them_fails(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var org = await host.OrganizationAsync("assess");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        Guid[] assets;
        await using (var db = host.Database.Open(org.Id))
        {
            var created = new[] { "顧客リスト", "社員名簿" }.Select(n => new InformationAsset(org.Id, n, Rating.High, Rating.High, Rating.High)).ToList();
            db.Assets.AddRange(created);
            await db.SaveChangesAsync();
            assets = [.. created.Select(a => a.Id)];
        }

        var failure = new SecondScenarioFails();
        using var failing = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(new MamoriDatabase(host.Database.Options with { Interceptors = [failure] }))));
        List<KeyValuePair<string, string>> form =
        [
            new("Rows[0].Topic", "ransomware"),
            .. assets.Select(a => KeyValuePair.Create("Rows[0].Assets", a.ToString())),
            new("Rows[0].ThreatLikelihood", "2"),
            new("Rows[0].VulnerabilityExposure", "2"),
            new("Rows[0].Treatment", "Reduce"),
        ];
        const string page = "/o/assess/quick/assess?topics=ransomware";

        var browser = failing.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await browser.PostFormAsync("/account/signin", new() { ["Email"] = "officer@example.jp", ["Password"] = WebHost.Password });
        var failed = await browser.PostFieldsAsync("/o/assess/quick/assess", form, formPage: page);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.True(failure.Failed);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.False(await db.RiskScenarios.AnyAsync());
            Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(RiskScenario)));
        }

        var officer = await host.SignedInAsync("officer@example.jp");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFieldsAsync("/o/assess/quick/assess", form, formPage: page)).StatusCode);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.Equal(2, await db.RiskScenarios.CountAsync());
        }
    }

    /// <summary>Fails the second risk scenario's insert after the database has run it.</summary>
    private sealed class SecondScenarioFails : DbCommandInterceptor
    {
        private int _seen;

        public bool Failed { get; private set; }

        public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(
            System.Data.Common.DbCommand command, CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (!Failed && command.CommandText.Contains("INSERT INTO \"RiskScenarios\"", StringComparison.Ordinal) && ++_seen == 2)
            {
                Failed = true;
                result.Dispose();
                throw new InvalidOperationException("A test injected this failure.");
            }

            return ValueTask.FromResult(result);
        }
    }
}
