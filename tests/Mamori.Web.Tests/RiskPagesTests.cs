using System.Net;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_risk_and_treatment_pages
{
    private static async Task<(WebHost Host, HttpClient Client, Organization Org, Guid AssetId)> LaptopAsync(Mamori.Data.DatabaseProvider provider = Mamori.Data.DatabaseProvider.Sqlite)
    {
        var host = new WebHost(provider);
        var org = await host.OrganizationAsync("risky");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        Guid assetId;
        await using (var db = host.Database.Open(org.Id))
        {
            var asset = new InformationAsset(org.Id, "ノートPC内の情報（データ）", Rating.High, Rating.High, Rating.Medium) { RiskOwner = "営業部長" };
            db.Assets.Add(asset);
            await db.SaveChangesAsync();
            assetId = asset.Id;
        }

        return (host, await host.SignedInAsync("officer@example.jp"), org, assetId);
    }

    [Fact]
    public async Task The_laptop_scenario_is_recorded_with_its_computation_and_is_reduced()
    {
        var (host, client, org, assetId) = await LaptopAsync();
        using var _ = host;
        var form = new List<KeyValuePair<string, string>>
        {
            new("Form.AssetId", assetId.ToString()),
            new("Form.BusinessValue", "営業の業務で必須の情報"),
            new("Form.ThreatId", "theft-of-equipment"),
            new("Form.ThreatDescription", "社外への持ち出し"),
            new("Form.RiskStatement", "盗難による情報漏えい"),
            new("Form.VulnerabilityIds", "sw-poor-password-management"),
            new("Form.ProtectionRequirements", "権限のないものがログインできないようにする\n不要な持ち出しを防ぐ"),
            new("Form.SelectedControls", "8.5"),
            new("Form.SelectedControls", "7.9"),
            new("Form.Measures[8.5]", "複雑なパスワードの設定"),
            new("Form.Measures[7.9]", "社外の持ち出し管理"),
            new("Form.ThreatLikelihood", "3"),
            new("Form.VulnerabilityExposure", "3"),
            new("Form.Treatment", "Reduce"),
            new("Form.ResidualLikelihood", "1"),
            new("Form.Owner", "営業部長"),
        };

        var response = await client.PostFieldsAsync("/o/risky/risks/new", form, formPage: $"/o/risky/risks/new?asset={assetId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("重要度 3 × 被害発生可能性 3", page.QuerySelector("[data-testid='computation']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("= リスク値 9", page.QuerySelector("[data-testid='computation']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", page.QuerySelector("[data-testid='residual']")!.TextContent.Trim());
        Assert.Contains("低減", page.QuerySelector("[data-testid='relation']")!.TextContent, StringComparison.Ordinal);

        await using var db = host.Database.Open(org.Id);
        var stored = await db.RiskScenarios.SingleAsync();
        Assert.Equal(["8.5", "7.9"], stored.Controls.Select(c => c.ControlId));
        Assert.Equal("複雑なパスワードの設定", stored.Controls[0].Measure);
        Assert.Equal(2, stored.ProtectionRequirements.Count);
    }

    [Fact]
    public async Task The_risk_list_shows_fifty_scenarios_a_page_highest_risk_first()
    {
        var (host, client, org, assetId) = await LaptopAsync();
        using var _ = host;
        await using (var db = host.Database.Open(org.Id))
        {
            for (var i = 0; i < 51; i++)
            {
                db.RiskScenarios.Add(new RiskScenario(org.Id, assetId, $"シナリオ{i:D2}")
                {
                    ThreatLikelihood = i == 50 ? Rating.High : Rating.Low,
                    VulnerabilityExposure = i == 50 ? Rating.High : Rating.Low,
                });
            }

            await db.SaveChangesAsync();
        }

        var first = await client.GetHtmlAsync("/o/risky/risks");
        var second = await client.GetHtmlAsync("/o/risky/risks?p=2");

        Assert.Equal(50, first.QuerySelectorAll("[data-testid='risk-table'] tbody tr").Length);
        Assert.Contains("シナリオ50", first.QuerySelector("[data-testid='risk-table'] tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Single(second.QuerySelectorAll("[data-testid='risk-table'] tbody tr"));
        Assert.NotNull(first.QuerySelector("a.page-link[href='/o/risky/risks?p=2']"));
    }

    [Theory]
    [InlineData(Mamori.Data.DatabaseProvider.Sqlite)]
    [InlineData(Mamori.Data.DatabaseProvider.Postgres)]
    public async Task The_risk_list_orders_by_importance_times_likelihood_across_assets_and_filters_what_needs_attention(Mamori.Data.DatabaseProvider provider)
    {
        var (host, client, org, laptopId) = await LaptopAsync(provider);
        using var _ = host;
        await using (var db = host.Database.Open(org.Id))
        {
            // The laptop's importance is 3; the leaflet's is 1.
            var leaflet = new InformationAsset(org.Id, "配布済みのチラシ", Rating.Low, Rating.Low, Rating.Low);
            db.Assets.Add(leaflet);
            db.RiskScenarios.Add(new RiskScenario(org.Id, leaflet.Id, "チラシの誤配布") { ThreatLikelihood = Rating.High, VulnerabilityExposure = Rating.High });
            db.RiskScenarios.Add(new RiskScenario(org.Id, laptopId, "未評価のシナリオ"));
            db.RiskScenarios.Add(new RiskScenario(org.Id, laptopId, "画面ののぞき見") { ThreatLikelihood = Rating.High, VulnerabilityExposure = Rating.Medium });
            db.RiskScenarios.Add(Mamori.Domain.SeedExamples.LaptopScenario(org.Id, laptopId));
            await db.SaveChangesAsync();
        }

        var all = await client.GetHtmlAsync("/o/risky/risks");
        var attention = await client.GetHtmlAsync("/o/risky/risks?filter=attention");

        // 3 × 3 = 9, 3 × 2 = 6, 1 × 3 = 3, then the one with no likelihood.
        Assert.Equal(
            ["盗難による情報漏えい", "画面ののぞき見", "チラシの誤配布", "未評価のシナリオ"],
            all.QuerySelectorAll("[data-testid='risk-table'] tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));
        // The laptop scenario is reduced by its controls; the others have no vulnerability recorded.
        Assert.Equal(
            ["画面ののぞき見", "チラシの誤配布", "未評価のシナリオ"],
            attention.QuerySelectorAll("[data-testid='risk-table'] tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_threat_with_a_vulnerability_and_nothing_decided_is_flagged_untreated()
    {
        var (host, client, _, assetId) = await LaptopAsync();
        using var _h = host;

        var response = await client.PostFormAsync("/o/risky/risks/new", new()
        {
            ["Form.AssetId"] = assetId.ToString(),
            ["Form.ThreatId"] = "theft-of-equipment",
            ["Form.RiskStatement"] = "盗難による情報漏えい",
            ["Form.VulnerabilityIds"] = "hw-unprotected-storage",
        }, formPage: $"/o/risky/risks/new?asset={assetId}");

        var page = await client.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("未対応", page.QuerySelector("[data-testid='relation']")!.TextContent, StringComparison.Ordinal);
        var dashboard = await client.GetHtmlAsync("/o/risky");
        Assert.Contains("盗難による情報漏えい", dashboard.QuerySelector("#attention-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_control_is_refused_with_a_message()
    {
        var (host, client, _, assetId) = await LaptopAsync();
        using var _h = host;

        var response = await client.PostFormAsync("/o/risky/risks/new", new()
        {
            ["Form.AssetId"] = assetId.ToString(),
            ["Form.RiskStatement"] = "x",
            ["Form.SelectedControls"] = "9.99",
        }, formPage: $"/o/risky/risks/new?asset={assetId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("9.99", (await response.HtmlAsync()).QuerySelector("[data-valmsg-for='Form.SelectedControls']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_come_from_the_controls_and_overdue_ones_stand_out()
    {
        var (host, client, org, assetId) = await LaptopAsync();
        using var _h = host;
        Guid scenarioId;
        await using (var db = host.Database.Open(org.Id))
        {
            var scenario = Domain.SeedExamples.LaptopScenario(org.Id, assetId);
            db.RiskScenarios.Add(scenario);
            await db.SaveChangesAsync();
            scenarioId = scenario.Id;
        }

        var created = await client.PostFormAsync($"/o/risky/risks/{scenarioId}?handler=Tasks", new(), formPage: $"/o/risky/risks/{scenarioId}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var tasks = await client.GetHtmlAsync("/o/risky/treatments");
        Assert.Equal(2, tasks.QuerySelectorAll("[data-testid='task-table'] tbody tr").Length);

        await using (var db = host.Database.Open(org.Id))
        {
            var task = await db.TreatmentTasks.FirstAsync();
            var overdue = await client.PostFormAsync($"/o/risky/treatments/{task.Id}", new()
            {
                ["Input.Title"] = task.Title,
                ["Input.DueOn"] = "2020-01-01",
                ["Input.Status"] = "InProgress",
                ["Input.Version"] = task.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            Assert.Equal(HttpStatusCode.Redirect, overdue.StatusCode);
        }

        var overdueOnly = await client.GetHtmlAsync("/o/risky/treatments?status=overdue");
        var row = Assert.Single(overdueOnly.QuerySelectorAll("[data-testid='task-table'] tbody tr"));
        Assert.Contains("table-danger", row.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_shows_who_changed_what_with_before_and_after()
    {
        var (host, client, org, assetId) = await LaptopAsync();
        using var _h = host;
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);
        await client.PostFormAsync($"/o/risky/assets/{assetId}", new()
        {
            ["Input.Name"] = "ノートPC内の情報（データ）",
            ["Input.Confidentiality"] = "2",
            ["Input.Integrity"] = "3",
            ["Input.Availability"] = "2",
        });

        var auditor = await host.SignedInAsync("auditor@example.jp");
        var log = await auditor.GetHtmlAsync("/o/risky/audit");
        var update = log.QuerySelectorAll("[data-testid='audit-table'] tbody tr").First(r => r.TextContent.Contains("更新", StringComparison.Ordinal));
        Assert.Contains("officer@example.jp", update.TextContent, StringComparison.Ordinal);
        Assert.Contains("\"Confidentiality\":3", update.QuerySelectorAll("pre")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("\"Confidentiality\":2", update.QuerySelectorAll("pre")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/o/risky/audit")).StatusCode);
    }
}
