using System.Net;
using System.Net.Http.Json;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_star3_pages
{
    private static async Task<(WebHost Host, HttpClient Officer, HttpClient Expert, Organization Org)> StartAsync()
    {
        var host = new WebHost();
        var org = await host.OrganizationAsync("scs", "株式会社エスシーエス");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        await host.UserAsync("expert@example.jp", org, MemberRole.Expert);
        return (host, await host.SignedInAsync("officer@example.jp"), await host.SignedInAsync("expert@example.jp"), org);
    }

    [Fact]
    public async Task Start_answer_and_a_gap_task_go_through_the_pages_and_the_expert_reviews_without_answering()
    {
        var (host, officer, expert, org) = await StartAsync();
        using var _ = host;

        var started = await officer.PostFormAsync("/o/scs/scs?handler=Start", [], "/o/scs/scs");
        var refused = await officer.PostFormAsync("/o/scs/scs/7-1-1-1", new() { ["Input.Status"] = "NotApplicable", ["Input.Reason"] = "" });
        var saved = await officer.PostFormAsync("/o/scs/scs/7-1-1-1", new() { ["Input.Status"] = "NotMet", ["Input.Note"] = "代替手段を検討中" });
        var byExpert = await expert.PostFormAsync("/o/scs/scs/7-1-1-2", new() { ["Input.Status"] = "Met" }, "/o/scs/scs/7-1-1-1");
        var task = await officer.PostFormAsync("/o/scs/scs/gaps?handler=Task&criterion=7-1-1-1", [], "/o/scs/scs/gaps");
        var requested = await officer.PostFormAsync("/o/scs/scs/7-1-1-1?handler=Review", new() { ["Step.State"] = "Requested" });
        var raised = await expert.PostFormAsync("/o/scs/scs/7-1-1-1?handler=Review", new() { ["Step.State"] = "Raised", ["Step.Text"] = "手作業での代替手順を書いてください" });

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("該当しない理由", (await refused.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Reason']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byExpert.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, task.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (requested.StatusCode, raised.StatusCode));

        var page = await expert.GetHtmlAsync("/o/scs/scs/7-1-1-1");
        Assert.Equal("指摘", page.QuerySelector("[data-testid='review-state']")!.TextContent.Trim());
        Assert.Contains("手作業での代替手順", page.QuerySelector("[data-testid='review']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid='task'] a"));
        Assert.True(page.QuerySelector("textarea[name='Input.Note']")!.HasAttribute("disabled"));
        var list = await officer.GetHtmlAsync("/o/scs/scs");
        Assert.Equal("not-met", list.QuerySelector("tr[data-criterion='7-1-1-1'] [data-status]")!.GetAttribute("data-status"));
        Assert.Equal("raised", list.QuerySelector("tr[data-criterion='7-1-1-1'] [data-review]")!.GetAttribute("data-review"));
        Assert.Contains("★3", (await officer.GetHtmlAsync("/o/scs/levels")).QuerySelector("[data-testid='scs-progress']")!.TextContent, StringComparison.Ordinal);
        var clients = await expert.GetHtmlAsync("/scs/clients?sort=overdue&desc=true");
        Assert.Equal(["scs"], clients.QuerySelectorAll("[data-testid='clients'] tbody tr").Select(r => r.GetAttribute("data-org")));
        Assert.Contains("1 / 81", clients.QuerySelector("[data-testid='star3']")!.TextContent, StringComparison.Ordinal);

        await using var db = host.Database.Open(org.Id);
        var answer = await db.ScsAnswers.SingleAsync(a => a.CriterionId == "7-1-1-1");
        Assert.Equal((ScsAnswerStatus.NotMet, "代替手段を検討中", "officer@example.jp"), (answer.Status, answer.Note, answer.AnsweredBy));
        Assert.NotNull(answer.TaskId);
        Assert.Single(await db.TreatmentTasks.ToListAsync());
    }

    [Fact]
    public async Task The_api_reads_the_assessment_and_answers_a_criterion_with_field_errors_for_a_missing_reason()
    {
        var (host, officer, _, org) = await StartAsync();
        using var __ = host;
        var user = await host.UserAsync("api@example.jp", org, MemberRole.SecurityOfficer);
        var api = host.CreateClient();
        api.UseToken(await The_REST_API.TokenAsync(host, user));
        await officer.PostFormAsync("/o/scs/scs?handler=Start", [], "/o/scs/scs");

        var read = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/organizations/scs/scs");
        var invalid = await api.PutAsJsonAsync("/api/v1/organizations/scs/scs/6-1-1-5", new { status = "NotApplicable" });
        var answered = await api.PutAsJsonAsync("/api/v1/organizations/scs/scs/6-1-1-5", new { status = "Partial", note = "様式はあるが未周知" });

        Assert.Equal((81, true), (read.GetProperty("criteria").GetInt32(), read.GetProperty("started").GetBoolean()));
        Assert.Equal(7, read.GetProperty("progress").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("reason", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var row = await answered.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(("partial", "様式はあるが未周知"), (row.GetProperty("status").GetString(), row.GetProperty("note").GetString()));
    }
}
