using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Mamori.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>Counts, filter values, the risk map and the risk list's order are kept between page views (OrganizationSnapshots).</summary>
public class Register_figures_kept_between_page_views
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_on_the_next_view_after_any_write_and_stay_apart_between_organizations(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var org = await host.OrganizationAsync("kept");
        var other = await host.OrganizationAsync("other");
        await host.UserAsync("admin@example.jp", org);
        await AddAsync(host, other, "他社の資産", Rating.High, Rating.High);
        await AddAsync(host, other, "他社の資産2", Rating.High, Rating.High);
        await AddAsync(host, other, "他社の資産3", Rating.High, Rating.High);
        var client = await host.SignedInAsync("admin@example.jp");
        await AddAsync(host, org, "顧客リスト", Rating.Low, Rating.Low, category: "営業");

        Assert.Equal(1, await TotalAsync(client));
        Assert.Equal(["営業"], await CategoriesAsync(client));
        Assert.Equal("0", await HighBandAsync(client));
        Assert.Equal(["顧客リスト: 低い順位"], await RisksAsync(client));

        var payroll = await AddAsync(host, org, "給与データ", Rating.High, Rating.High, category: "人事");

        Assert.Equal(2, await TotalAsync(client));
        Assert.Equal(["人事", "営業"], await CategoriesAsync(client));
        Assert.Equal("1", await HighBandAsync(client));
        Assert.Equal(["給与データ: 高い順位", "顧客リスト: 低い順位"], await RisksAsync(client));

        await using (var db = host.Database.Open(org.Id))
        {
            // Its scenario first: the database refuses to delete an asset that scenarios refer to.
            db.RiskScenarios.RemoveRange(db.RiskScenarios.Where(s => s.AssetId == payroll));
            db.Assets.Remove(await db.Assets.FindAsync(payroll) ?? throw new InvalidOperationException());
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await TotalAsync(client));
        Assert.Equal("0", await HighBandAsync(client));
        Assert.Equal(["顧客リスト: 低い順位"], await RisksAsync(client));
    }

    [Fact]
    public async Task On_the_dashboard_change_with_the_day_even_when_the_data_does_not()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        using var host = new WebHost(clock: clock);
        var org = await host.OrganizationAsync("kept");
        await host.UserAsync("admin@example.jp", org);
        await AddAsync(host, org, "顧客リスト", Rating.Low, Rating.Low);
        await using (var db = host.Database.Open(org.Id))
        {
            db.TreatmentTasks.Add(new TreatmentTask(org.Id, "パスワード管理ツールの導入") { DueOn = clock.Today(org) });
            await db.SaveChangesAsync();
        }

        var client = await host.SignedInAsync("admin@example.jp");
        var dueToday = await OverdueAsync(client);
        clock.Advance(TimeSpan.FromDays(1));
        // A day later the session cookie has expired: sign in again.
        var dayAfter = await OverdueAsync(await host.SignedInAsync("admin@example.jp"));

        Assert.Empty(dueToday);
        Assert.Equal(["パスワード管理ツールの導入"], dayAfter);
    }

    [Fact]
    public async Task Are_not_kept_when_the_data_changed_while_they_were_computed()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("racing");
        var snapshots = host.Services.GetRequiredService<OrganizationSnapshots>();
        var computed = 0;
        await using var db = host.Database.Open(org.Id);

        var first = await snapshots.GetAsync(db, "figure", async _ =>
        {
            computed++;
            await AddAsync(host, org, "計算中に追加された資産", Rating.Low, Rating.Low);
            return "first";
        }, _ => 1, CancellationToken.None);
        var second = await snapshots.GetAsync(db, "figure", _ => Task.FromResult($"computed {++computed}"), _ => 1, CancellationToken.None);
        var third = await snapshots.GetAsync(db, "figure", _ => Task.FromResult($"computed {++computed}"), _ => 1, CancellationToken.None);

        Assert.Equal("first", first);
        Assert.Equal("computed 2", second);
        Assert.Equal("computed 2", third);
    }

    private static async Task<Guid> AddAsync(WebHost host, Organization organization, string name, Rating rating, Rating threat, string category = "総務")
    {
        await using var db = host.Database.Open(organization.Id);
        var asset = new InformationAsset(organization.Id, name, rating, rating, rating) { BusinessCategory = category };
        asset.AssessLikelihood(threat, threat);
        db.Assets.Add(asset);
        db.RiskScenarios.Add(new RiskScenario(organization.Id, asset.Id, $"{name}: {(rating == Rating.High ? "高い順位" : "低い順位")}") { ThreatLikelihood = threat, VulnerabilityExposure = threat });
        await db.SaveChangesAsync();
        return asset.Id;
    }

    private static async Task<string[]> OverdueAsync(HttpClient client) =>
        [.. (await client.GetHtmlAsync("/o/kept")).QuerySelectorAll("li a[href*='/treatments/']").Select(a => a.TextContent.Trim())];

    /// <summary>A clock that stands still until moved.</summary>
    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private static async Task<int> TotalAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/organizations/kept/assets")).GetProperty("total").GetInt32();

    private static async Task<string[]> CategoriesAsync(HttpClient client) =>
        [.. (await client.GetHtmlAsync("/o/kept/assets")).QuerySelectorAll("select[name='category'] option").Skip(1).Select(o => o.TextContent.Trim())];

    private static async Task<string> HighBandAsync(HttpClient client) =>
        (await client.GetHtmlAsync("/o/kept")).QuerySelector("[data-testid='band-high']")!.TextContent.Trim();

    private static async Task<string[]> RisksAsync(HttpClient client) =>
        [.. (await client.GetHtmlAsync("/o/kept/risks")).QuerySelectorAll("[data-testid='risk-table'] tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim())];
}
