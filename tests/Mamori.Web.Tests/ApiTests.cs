using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Domain.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Web.Tests;

public class The_REST_API(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    internal static async Task<string> TokenAsync(WebHost host, MamoriUser user, DateTimeOffset? expires = null)
    {
        var (token, hash) = PersonalAccessToken.Generate();
        await using var db = host.Database.Open();
        db.PersonalAccessTokens.Add(new PersonalAccessToken(user.Id, "test", hash, token[..12], DateTimeOffset.UtcNow, expires ?? DateTimeOffset.UtcNow.AddDays(1)));
        await db.SaveChangesAsync();
        return token;
    }

    [Theory]
    [InlineData("/api/v1/organizations")]
    [InlineData("/api/v1/organizations/acme/assets")]
    [InlineData("/api/v1/catalog/controls")]
    public async Task Answers_401_without_credentials(string path)
    {
        await shared.OnceAsync("acme", host => host.OrganizationAsync("acme"));

        var response = await shared.Host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_created_on_the_tokens_page_works_and_stops_working_when_revoked()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var browser = await host.SignedInAsync("dev@example.jp");

        var created = await browser.PostFormAsync("/account/tokens?handler=Create", new() { ["Name"] = "連携スクリプト", ["Days"] = "30" }, formPage: "/account/tokens");
        var token = (await created.HtmlAsync()).QuerySelector("[data-testid='new-token']")!.TextContent.Trim();
        Assert.StartsWith("mamori_", token, StringComparison.Ordinal);

        var api = host.CreateClient();
        api.UseToken(token);
        var orgs = await api.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        Assert.Equal("acme", orgs[0].GetProperty("slug").GetString());

        await using (var db = host.Database.Open())
        {
            Assert.DoesNotContain(db.PersonalAccessTokens, t => t.TokenHash == token);
        }

        var id = (await browser.GetHtmlAsync("/account/tokens")).QuerySelector("form[action*='handler=Revoke']")!.GetAttribute("action")!;
        await browser.PostFormAsync(id, new(), formPage: "/account/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var user = await host.UserAsync("dev@example.jp", org);
        var api = host.CreateClient();
        api.UseToken(await TokenAsync(host, user, DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task Assets_are_created_read_updated_and_deleted_with_validation_and_conflicts()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var user = await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var api = host.CreateClient();
        api.UseToken(await TokenAsync(host, user));

        var invalid = await api.PostAsJsonAsync("/api/v1/organizations/acme/assets", new { name = "顧客リスト", confidentiality = 4, integrity = 3, availability = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("confidentiality", out _));

        var created = await api.PostAsJsonAsync("/api/v1/organizations/acme/assets", new { businessCategory = "営業", name = "顧客リスト", confidentiality = 3, integrity = 3, availability = 3, likelihood = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var asset = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((6, "high"), (asset.GetProperty("riskValue").GetInt32(), asset.GetProperty("band").GetString()));
        var url = created.Headers.Location!.OriginalString;

        var updated = await api.PutAsJsonAsync(url, new { businessCategory = "営業", name = "顧客リスト", confidentiality = 1, integrity = 1, availability = 1, likelihood = 2, version = 0 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stale = await api.PutAsJsonAsync(url, new { businessCategory = "営業", name = "顧客リスト", confidentiality = 2, integrity = 1, availability = 1, version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(1, (await api.GetFromJsonAsync<JsonElement>(url)).GetProperty("importance").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_browser_session_may_read_but_writes_need_the_antiforgery_header()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var browser = await host.SignedInAsync("dev@example.jp");
        var body = new { name = "顧客リスト", confidentiality = 3, integrity = 3, availability = 3 };

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/organizations/acme/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsJsonAsync("/api/v1/organizations/acme/assets", body)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/acme/assets") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", await browser.AntiforgeryTokenAsync("/o/acme/assets/new"));
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Risks_and_treatments_are_written_through_the_API()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var user = await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var api = host.CreateClient();
        api.UseToken(await TokenAsync(host, user));
        var asset = await (await api.PostAsJsonAsync("/api/v1/organizations/acme/assets", new { name = "ノートPC内の情報", confidentiality = 3, integrity = 3, availability = 2 })).Content.ReadFromJsonAsync<JsonElement>();

        var risk = await api.PostAsJsonAsync("/api/v1/organizations/acme/risks", new
        {
            assetId = asset.GetProperty("id").GetGuid(),
            threatId = "theft-of-equipment",
            threatDescription = "社外への持ち出し",
            riskStatement = "盗難による情報漏えい",
            vulnerabilityIds = new[] { "sw-poor-password-management" },
            controls = new[] { new { controlId = "8.5", measure = "複雑なパスワードの設定" } },
            threatLikelihood = 3,
            vulnerabilityExposure = 3,
            treatment = "Reduce",
        });
        Assert.Equal(HttpStatusCode.Created, risk.StatusCode);
        var stored = await risk.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((9, "Reduced"), (stored.GetProperty("riskValue").GetInt32(), stored.GetProperty("status").GetString()));

        var task = await api.PostAsJsonAsync("/api/v1/organizations/acme/treatments", new { title = "パスワードを12文字以上にする", controlId = "8.5", riskScenarioId = stored.GetProperty("id").GetGuid(), dueOn = "2020-01-01" });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        Assert.True((await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overdue").GetBoolean());
        var badControl = await api.PostAsJsonAsync("/api/v1/organizations/acme/treatments", new { title = "x", controlId = "9.99" });
        Assert.Equal(HttpStatusCode.BadRequest, badControl.StatusCode);
    }

    [Fact]
    public async Task Dates_are_the_organization_s_in_Tokyo_on_a_server_set_to_UTC()
    {
        // 16:00 UTC on 3 December is 01:00 on 4 December in Tokyo.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        using var host = new WebHost(clock: clock);
        var org = await host.OrganizationAsync("acme");
        var user = await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var api = host.CreateClient();
        api.UseToken(await TokenAsync(host, user, clock.GetUtcNow().AddDays(1)));

        var asset = await (await api.PostAsJsonAsync("/api/v1/organizations/acme/assets", new { name = "顧客リスト", confidentiality = 3, integrity = 3, availability = 3 })).Content.ReadFromJsonAsync<JsonElement>();
        var dueYesterday = await (await api.PostAsJsonAsync("/api/v1/organizations/acme/treatments", new { title = "前日が期限", dueOn = "2026-12-03" })).Content.ReadFromJsonAsync<JsonElement>();
        var dueToday = await (await api.PostAsJsonAsync("/api/v1/organizations/acme/treatments", new { title = "当日が期限", dueOn = "2026-12-04" })).Content.ReadFromJsonAsync<JsonElement>();
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/v1/organizations/acme/treatments");

        Assert.Equal("2026-12-04", asset.GetProperty("registeredOn").GetString());
        Assert.Equal((true, false), (dueYesterday.GetProperty("overdue").GetBoolean(), dueToday.GetProperty("overdue").GetBoolean()));
        Assert.Equal(
            [("前日が期限", true), ("当日が期限", false)],
            listed.EnumerateArray().Select(t => (t.GetProperty("title").GetString(), t.GetProperty("overdue").GetBoolean())));
    }

    [Fact]
    public async Task SoA_decisions_are_made_and_read_through_the_API_with_their_links()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var user = await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        var auditor = await host.UserAsync("audit@example.jp", org, MemberRole.Auditor);
        var api = host.CreateClient();
        api.UseToken(await TokenAsync(host, user));
        var readOnly = host.CreateClient();
        readOnly.UseToken(await TokenAsync(host, auditor));
        var task = await api.PostAsJsonAsync("/api/v1/organizations/acme/treatments", new { title = "バックアップを週次で取る", controlId = "8.13" });
        var taskId = (await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var noReason = await api.PutAsJsonAsync("/api/v1/organizations/acme/soa/7.5", new { applicability = "Excluded", justification = " " });
        var unknown = await api.PutAsJsonAsync("/api/v1/organizations/acme/soa/9.99", new { applicability = "Applicable", justification = "理由" });
        var byAuditor = await readOnly.PutAsJsonAsync("/api/v1/organizations/acme/soa/8.13", new { applicability = "Applicable", justification = "理由" });
        var saved = await api.PutAsJsonAsync("/api/v1/organizations/acme/soa/8.13", new { applicability = "Applicable", justification = "顧客データの消失への対応", status = "Implemented", owner = "田中", evidenceNotes = "記録簿" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("justification", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var row = await readOnly.GetFromJsonAsync<JsonElement>("/api/v1/organizations/acme/soa/8.13");
        Assert.Equal(("Applicable", "Implemented", "田中", false), (row.GetProperty("applicability").GetString(), row.GetProperty("status").GetString(), row.GetProperty("owner").GetString(), row.GetProperty("proposed").GetBoolean()));
        Assert.Equal(taskId, row.GetProperty("tasks")[0].GetGuid());
        var statement = await readOnly.GetFromJsonAsync<JsonElement>("/api/v1/organizations/acme/soa");
        Assert.Equal((93, 1), (statement.GetProperty("rows").GetArrayLength(), statement.GetProperty("decided").GetInt32()));
        Assert.Contains(statement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "ApplicableWithoutDocument" && w.GetProperty("controlId").GetString() == "8.13");

        var undecided = await api.PutAsJsonAsync("/api/v1/organizations/acme/soa/8.13", new { applicability = "Undecided" });
        Assert.Equal("Undecided", (await undecided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicability").GetString());
        var levels = await readOnly.GetFromJsonAsync<JsonElement>("/api/v1/organizations/acme/levels");
        Assert.Equal(3, levels.GetProperty("levels").GetArrayLength());
        Assert.Equal(1, levels.GetProperty("recommended").GetInt32());
    }

    [Fact]
    public async Task Publishes_an_OpenAPI_document_of_every_path()
    {
        using var host = new WebHost();
        var document = await host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/organizations/{org}/assets", paths);
        Assert.Contains("/api/v1/organizations/{org}/risks/{id}", paths);
        Assert.Contains("/api/v1/catalog/controls", paths);
    }
}
