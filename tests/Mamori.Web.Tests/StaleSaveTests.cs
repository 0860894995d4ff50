using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

/// <summary>
/// Two people edit the same thing from the same starting copy: the first save wins, the
/// second is refused with a message saying so, and the first one's values stay.
/// </summary>
public class A_save_from_a_stale_copy
{
    private const string Message = "ほかの人が先にこの内容を更新しました。";

    [Fact]
    public async Task Of_a_risk_scenario_or_a_treatment_is_refused_by_the_API_with_409_and_the_message()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var user = await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var api = host.CreateClient();
        api.UseToken(await The_REST_API.TokenAsync(host, user));
        var asset = await (await api.PostAsJsonAsync("/api/v1/organizations/acme/assets", new { name = "ノートPC内の情報", confidentiality = 3, integrity = 3, availability = 2 })).Content.ReadFromJsonAsync<JsonElement>();
        var riskBody = new Dictionary<string, object?>
        {
            ["assetId"] = asset.GetProperty("id").GetGuid(),
            ["threatId"] = "theft-of-equipment",
            ["riskStatement"] = "盗難による情報漏えい",
            ["threatLikelihood"] = 3,
            ["vulnerabilityExposure"] = 3,
            ["treatment"] = "Reduce",
        };
        var risk = await api.PostAsJsonAsync("/api/v1/organizations/acme/risks", riskBody);
        Assert.Equal(HttpStatusCode.Created, risk.StatusCode);
        var riskUrl = risk.Headers.Location!.OriginalString;
        var task = await api.PostAsJsonAsync("/api/v1/organizations/acme/treatments", new { title = "パスワードを12文字以上にする", controlId = "8.5", version = 0 });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        var taskUrl = task.Headers.Location!.OriginalString;

        // Both users loaded version 0; the first saves, then the second.
        var first = await api.PutAsJsonAsync(riskUrl, new Dictionary<string, object?>(riskBody) { ["riskStatement"] = "一人目の変更", ["version"] = 0 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await api.PutAsJsonAsync(riskUrl, new Dictionary<string, object?>(riskBody) { ["riskStatement"] = "二人目の変更", ["version"] = 0 });
        await AssertConflictAsync(second);
        Assert.Equal("一人目の変更", (await api.GetFromJsonAsync<JsonElement>(riskUrl)).GetProperty("riskStatement").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync(taskUrl, new { title = "一人目の変更", controlId = "8.5", version = 0 })).StatusCode);
        await AssertConflictAsync(await api.PutAsJsonAsync(taskUrl, new { title = "二人目の変更", controlId = "8.5", version = 0 }));
        Assert.Equal("一人目の変更", (await api.GetFromJsonAsync<JsonElement>(taskUrl)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Of_a_policy_document_is_refused_on_the_page_and_the_first_text_stays()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("policy", "株式会社ポリシー");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync("/o/policy/policy?handler=Start", new(), formPage: "/o/policy/policy")).StatusCode);
        Guid id;
        await using (var db = host.Database.Open(org.Id))
        {
            id = (await db.PolicyDocuments.SingleAsync(d => d.Kind == DocumentKind.BasicPolicy)).Id;
        }

        Dictionary<string, string> Edit(string title) => new()
        {
            ["Input.Kind"] = "BasicPolicy",
            ["Input.Title"] = title,
            ["Input.Body"] = "本文",
            ["Input.ReviewIntervalMonths"] = "12",
            ["Input.Version"] = "0",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/o/policy/policy/{id}", Edit("一人目の題名"))).StatusCode);

        var refused = await officer.PostFormAsync($"/o/policy/policy/{id}", Edit("二人目の題名"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Message, (await refused.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.Equal("一人目の題名", (await db.PolicyDocuments.SingleAsync(d => d.Id == id)).Title);
        }
    }

    [Fact]
    public async Task Of_a_treatment_task_is_refused_on_the_page_and_the_first_values_stay()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("risky");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");
        var task = new Domain.Treatments.TreatmentTask(org.Id, "バックアップを取る");
        await using (var db = host.Database.Open(org.Id))
        {
            db.TreatmentTasks.Add(task);
            await db.SaveChangesAsync();
        }

        Dictionary<string, string> Edit(string title) => new() { ["Input.Title"] = title, ["Input.Status"] = "InProgress", ["Input.Version"] = "0" };
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/o/risky/treatments/{task.Id}", Edit("一人目の変更"))).StatusCode);

        var refused = await officer.PostFormAsync($"/o/risky/treatments/{task.Id}", Edit("二人目の変更"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Message, (await refused.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.Equal("一人目の変更", (await db.TreatmentTasks.SingleAsync()).Title);
        }
    }

    private static async Task AssertConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith(Message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
