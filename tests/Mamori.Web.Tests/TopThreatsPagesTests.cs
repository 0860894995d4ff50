using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_dashboard_after_a_new_top_10
{
    [Fact]
    public async Task Names_what_entered_and_left_drafts_a_new_standard_in_one_click_and_ends_the_notice_once_checked()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("top10", "株式会社トップテン");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");
        var membership = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using (var db = host.Database.Open(org.Id, new Actor("tester", TimeProvider.System)))
        {
            var standards = new[] { "ransomware", "carelessness" }.Select(t => GenerateStandards.Generate(t, org, [], GenerateStandards.Edits.None, Language.Japanese)).ToList();
            await AdoptStandards.HandleAsync(db, membership, standards, "佐藤", DateTimeOffset.UtcNow);
            var carelessness = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.SourceKey == "quick:carelessness");
            var draft = await db.DocumentVersions.AsNoTracking().SingleAsync(v => v.DocumentId == carelessness.Id);
            foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve })
            {
                await DocumentLifecycle.HandleAsync(db, membership, org, draft.Id, step, "田中", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
            }

            // Standards built from the 2025 list, the catalog's newest being 2026.
            (await db.Organizations.SingleAsync(o => o.Id == org.Id)).TopThreatsYear = 2025;
            await db.SaveChangesAsync();
        }

        var dashboard = await officer.GetHtmlAsync("/o/top10");

        var notice = dashboard.QuerySelector("[data-testid='top-threats-change']")!;
        Assert.Contains("情報セキュリティ10大脅威 2026", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal(["ai-risk"], dashboard.QuerySelectorAll("[data-testid='threats-entered'] li").Select(li => li.GetAttribute("data-topic")));
        Assert.Contains("AIの利用をめぐるサイバーリスク", dashboard.QuerySelector("[data-testid='threats-entered']")!.TextContent, StringComparison.Ordinal);
        var left = dashboard.QuerySelector("[data-testid='threats-left'] li[data-topic='carelessness']")!;
        Assert.Contains("改訂を推奨", left.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector("[data-testid='threats-left'] li[data-topic='carelessness'] a[href^='/o/top10/policy/']"));
        Assert.NotNull((await officer.GetHtmlAsync("/o/top10/policy")).QuerySelector("[data-testid='left-top-threats']"));
        var departed = dashboard.QuerySelector("[data-testid='threats-left'] li[data-topic='carelessness'] a")!.GetAttribute("href")!;
        Assert.NotNull((await officer.GetHtmlAsync(departed)).QuerySelector("[data-testid='left-top-threats']"));

        var api = await officer.GetFromJsonAsync<JsonElement>("/api/v1/organizations/top10/top10-change");
        Assert.Equal((2025, 2026), (api.GetProperty("builtFrom").GetInt32(), api.GetProperty("latest").GetInt32()));
        Assert.Equal("ai-risk", api.GetProperty("entered")[0].GetProperty("topic").GetString());
        Assert.True(api.GetProperty("left").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "carelessness").GetProperty("reviewNeeded").GetBoolean());

        var adopted = await officer.PostFormAsync("/o/top10?handler=AdoptThreat&topic=ai-risk", new(), formPage: "/o/top10");
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        await using (var db = host.Database.Open(org.Id))
        {
            var standard = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.SourceKey == "quick:ai-risk");
            Assert.Equal($"/o/top10/policy/{standard.Id}", adopted.Headers.Location!.OriginalString);
            Assert.Equal(VersionStatus.Draft, (await db.DocumentVersions.AsNoTracking().SingleAsync(v => v.DocumentId == standard.Id)).Status);
        }

        dashboard = await officer.GetHtmlAsync("/o/top10");
        Assert.Empty(dashboard.QuerySelectorAll("[data-testid='threats-entered'] form"));
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync("/o/top10?handler=TopThreatsChecked", new(), formPage: "/o/top10")).StatusCode);
        Assert.Null((await officer.GetHtmlAsync("/o/top10")).QuerySelector("[data-testid='top-threats-change']"));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.GetAsync("/api/v1/organizations/top10/top10-change")).StatusCode);
    }
}
