using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;

namespace Mamori.Web.Tests;

/// <summary>What the pages do, through the API: the register's import and export, documents, roles, the self-diagnosis, members and the audit log.</summary>
/// <summary>One host for the class; each test works in an organization, with people and tokens, of its own.</summary>
public sealed class The_API_as_the_pages(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private const string Register = """
        業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル
        人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9
        営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,3,3,3,3,2,6

        """;

    private sealed record World(WebHost Host, Organization Org, Dictionary<MemberRole, HttpClient> Api, HttpClient Foreign)
    {
        public string Slug => Org.Slug;
    }

    private async Task<World> WorldAsync()
    {
        var host = shared.Host;
        var name = Guid.NewGuid().ToString("N")[..8];
        var org = await host.OrganizationAsync($"acme-{name}");
        var other = await host.OrganizationAsync($"other-{name}");
        var clients = new Dictionary<MemberRole, HttpClient>();
        foreach (var role in new[] { MemberRole.Administrator, MemberRole.SecurityOfficer, MemberRole.Employee, MemberRole.Auditor })
        {
            var user = await host.UserAsync($"{role.ToString().ToLowerInvariant()}@{org.Slug}.example.jp", org, role);
            var client = host.CreateClient();
            client.UseToken(await The_REST_API.TokenAsync(host, user));
            clients[role] = client;
        }

        var outsider = await host.UserAsync($"admin@{other.Slug}.example.jp", other, MemberRole.Administrator);
        var foreign = host.CreateClient();
        foreign.UseToken(await The_REST_API.TokenAsync(host, outsider));
        return new(host, org, clients, foreign);
    }

    private static MultipartFormDataContent File(string csv, string name = "register.csv") => new()
    {
        { new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)]), "file", name },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_register_file_is_imported_all_or_nothing_with_each_problem_at_its_row_and_column_and_exported()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];

        var bad = await officer.PostAsync($"/api/v1/organizations/{world.Slug}/assets/import", File(Register.Replace("営業担当者のPC,3,3,3", "営業担当者のPC,4,3,3", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        var problem = (await JsonAsync(bad)).GetProperty("problems")[0];
        Assert.Equal((3, "機密性"), (problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString()));
        await using (var db = world.Host.Database.Open(world.Org.Id))
        {
            Assert.Empty(db.Assets);
        }

        var noFile = await officer.PostAsync($"/api/v1/organizations/{world.Slug}/assets/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.True((await JsonAsync(noFile)).GetProperty("errors").TryGetProperty("file", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PostAsync($"/api/v1/organizations/{world.Slug}/assets/import", File(Register))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.PostAsync($"/api/v1/organizations/{world.Slug}/assets/import", File(Register))).StatusCode);

        var imported = await officer.PostAsync($"/api/v1/organizations/{world.Slug}/assets/import", File(Register));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await JsonAsync(imported)).GetProperty("imported").GetInt32());

        var csv = await world.Api[MemberRole.Auditor].GetAsync($"/api/v1/organizations/{world.Slug}/assets/export?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("社員名簿,社員基本情報", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var xlsx = await officer.GetAsync($"/api/v1/organizations/{world.Slug}/assets/export");
        Assert.Equal("xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar!.Split('.')[^1]);
        var wrong = await officer.GetAsync($"/api/v1/organizations/{world.Slug}/assets/export?format=pdf");
        Assert.True((await JsonAsync(wrong)).GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Employee].GetAsync($"/api/v1/organizations/{world.Slug}/assets/export")).StatusCode);
    }

    [Fact]
    public async Task A_document_is_created_edited_with_its_version_and_moved_to_published_then_compared()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];
        var documentsUrl = $"/api/v1/organizations/{world.Slug}/documents";

        var invalid = await officer.PostAsJsonAsync(documentsUrl, new { kind = "Standard", title = "", body = "本文" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PostAsJsonAsync(documentsUrl, new { title = "基準", body = "本文" })).StatusCode);

        var created = await officer.PostAsJsonAsync(documentsUrl, new { kind = "Standard", number = "5", title = "パスワード基準", body = "第1版の本文" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await JsonAsync(created);
        var url = created.Headers.Location!.OriginalString;
        var version = saved.GetProperty("version").GetInt32();
        Assert.Equal(1, saved.GetProperty("draft").GetProperty("number").GetInt32());

        foreach (var step in new[] { "submit", "approve", "publish" })
        {
            var moved = await officer.PostAsync($"{url}/versions/1/{step}", null);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"{url}/versions/1/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PostAsync($"{url}/versions/1/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.PostAsync($"{url}/versions/1/submit", null)).StatusCode);

        // Approval moved the document's next review, so its version changed: the client reads it again.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PutAsJsonAsync(url, new { kind = "Standard", title = "パスワード基準", body = "x", version })).StatusCode);
        version = (await officer.GetFromJsonAsync<JsonElement>($"{url}/versions")).GetProperty("documentVersion").GetInt32();
        var edited = await officer.PutAsJsonAsync(url, new { kind = "Standard", number = "5", title = "パスワードの基準", body = "第2版の本文", summary = "長さを変更", version });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (await JsonAsync(edited)).GetProperty("draft").GetProperty("number").GetInt32());
        // The title changed, so the version read before this edit is now stale.
        var stale = await officer.PutAsJsonAsync(url, new { kind = "Standard", number = "5", title = "別の題", body = "第2版の本文", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var staleTag = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { kind = "Standard", title = "別の題", body = "x" }) };
        staleTag.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await officer.SendAsync(staleTag)).StatusCode);

        var versions = await world.Api[MemberRole.Auditor].GetFromJsonAsync<JsonElement>($"{url}/versions?pageSize=1&page=2");
        Assert.Equal(2, versions.GetProperty("versions").GetProperty("total").GetInt32());
        Assert.Equal("Draft", versions.GetProperty("versions").GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal("Published", (await officer.GetFromJsonAsync<JsonElement>($"{url}/versions/1")).GetProperty("status").GetString());
        var compared = await officer.GetFromJsonAsync<JsonElement>($"{url}/compare?from=1&to=2");
        Assert.Contains(compared.GetProperty("lines").EnumerateArray(), l => l.GetProperty("change").GetString() == "added" && l.GetProperty("text").GetString() == "第2版の本文");
        var missing = await officer.GetAsync($"{url}/compare?from=1");
        Assert.True((await JsonAsync(missing)).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Employee].GetAsync($"{url}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync($"{url}/versions")).StatusCode);
    }

    [Fact]
    public async Task A_document_read_carries_its_version_and_etag_so_an_edit_after_it_is_safe()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];
        var documentsUrl = $"/api/v1/organizations/{world.Slug}/documents";
        var created = await officer.PostAsJsonAsync(documentsUrl, new { kind = "Standard", number = "7", title = "持出し基準", body = "第1版" });
        var url = created.Headers.Location!.OriginalString;
        var id = (await JsonAsync(created)).GetProperty("document").GetProperty("id").GetGuid();

        var read = await officer.GetAsync(url);
        var version = (await JsonAsync(read)).GetProperty("document").GetProperty("version").GetInt32();
        Assert.Equal($"\"{version}\"", read.Headers.ETag!.Tag);
        var listed = await officer.GetFromJsonAsync<JsonElement>(documentsUrl);
        Assert.Equal(version, listed.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("version").GetInt32());

        var edited = await officer.PutAsJsonAsync(url, new { kind = "Standard", number = "7", title = "持出しの基準", body = "第1版", version });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.NotEqual(version, (await JsonAsync(edited)).GetProperty("document").GetProperty("version").GetInt32());
        var again = await officer.PutAsJsonAsync(url, new { kind = "Standard", number = "7", title = "別の題", body = "第1版", version });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var tagged = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { kind = "Standard", number = "7", title = "別の題", body = "第1版" }) };
        tagged.Headers.IfMatch.Add(read.Headers.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await officer.SendAsync(tagged)).StatusCode);

        var fresh = await officer.GetAsync(url);
        var retried = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { kind = "Standard", number = "7", title = "別の題", body = "第1版" }) };
        retried.Headers.IfMatch.Add(fresh.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(retried)).StatusCode);
    }

    [Fact]
    public async Task An_employee_reads_the_published_procedure_and_acknowledges_it_and_readers_show_it()
    {
        var world = await WorldAsync();
        Guid id;
        await using (var db = world.Host.Database.Open(world.Org.Id))
        {
            var procedure = new PolicyDocument(world.Org.Id, DocumentKind.Procedure, "P-1", "テレワーク手順");
            procedure.Audiences.Add(Audiences.AllEmployees);
            db.PolicyDocuments.Add(procedure);
            var published = new DocumentVersion(world.Org.Id, procedure.Id, 1, "{{ organization.name }}の手順", "作成者", DateTimeOffset.UtcNow);
            published.SubmitForReview();
            published.Approve("承認者", DateTimeOffset.UtcNow);
            published.Publish(DateTimeOffset.UtcNow);
            db.DocumentVersions.Add(published);
            await db.SaveChangesAsync();
            id = procedure.Id;
        }

        var employee = world.Api[MemberRole.Employee];
        var mine = await employee.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/procedures");
        var item = mine.GetProperty("items")[0];
        Assert.Equal((1, JsonValueKind.Null), (item.GetProperty("version").GetInt32(), item.GetProperty("acknowledgedAt").ValueKind));
        Assert.DoesNotContain("{{", item.GetProperty("text").GetString(), StringComparison.Ordinal);

        var noVersion = await employee.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/procedures/{id}/acknowledgement", new { });
        Assert.True((await JsonAsync(noVersion)).GetProperty("errors").TryGetProperty("version", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await employee.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/procedures/{id}/acknowledgement", new { version = 2 })).StatusCode);
        var acknowledged = await employee.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/procedures/{id}/acknowledgement", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await JsonAsync(acknowledged)).GetProperty("acknowledgedAt").ValueKind);

        var readers = await world.Api[MemberRole.Auditor].GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/documents/{id}/readers");
        Assert.Contains(readers.GetProperty("items").EnumerateArray(), r => r.GetProperty("email").GetString() == $"employee@{world.Slug}.example.jp" && r.GetProperty("acknowledgedAt").ValueKind != JsonValueKind.Null);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/v1/organizations/{world.Slug}/documents/{id}/readers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync($"/api/v1/organizations/{world.Slug}/procedures")).StatusCode);
    }

    [Fact]
    public async Task The_roles_table_is_saved_with_its_entity_tag_and_a_stale_tag_is_412()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];
        var rolesUrl = $"/api/v1/organizations/{world.Slug}/roles";

        var first = await officer.GetAsync(rolesUrl);
        var etag = first.Headers.ETag!.Tag;
        Assert.Empty((await JsonAsync(first)).GetProperty("rows").EnumerateArray());

        var save = new HttpRequestMessage(HttpMethod.Put, rolesUrl) { Content = JsonContent.Create(new { rows = new[] { new { title = "情報セキュリティ責任者", responsibility = "全体を統括する", holders = "山田" } } }) };
        save.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var saved = await officer.SendAsync(save);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("山田", (await JsonAsync(saved)).GetProperty("rows")[0].GetProperty("holders").GetString());
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, rolesUrl) { Content = JsonContent.Create(new { rows = Array.Empty<object>() }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await officer.SendAsync(stale)).StatusCode);

        var invalid = await officer.PutAsJsonAsync(rolesUrl, new { rows = new[] { new { title = new string('x', 1000) } } });
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("rows[0].title", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PutAsJsonAsync(rolesUrl, new { rows = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync(rolesUrl)).StatusCode);
    }

    [Fact]
    public async Task The_self_diagnosis_is_answered_and_gives_results_and_gaps()
    {
        var world = await WorldAsync();
        var questions = await world.Api[MemberRole.Employee].GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/self-diagnosis/questions");
        Assert.Equal(25, questions.GetProperty("questions").GetArrayLength());

        var partial = await world.Api[MemberRole.Employee].PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/self-diagnosis/responses", new { department = "営業部", answers = new Dictionary<string, string> { ["1"] = "Done" } });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.True((await JsonAsync(partial)).GetProperty("errors").TryGetProperty("answers[2]", out _));
        var all = Enumerable.Range(1, 25).ToDictionary(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture), n => n == 3 ? "NotDone" : "Done");
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/self-diagnosis/responses", new { answers = all })).StatusCode);

        var answered = await world.Api[MemberRole.Employee].PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/self-diagnosis/responses", new { department = "営業部", respondent = "佐藤", answers = all });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal(96, (await JsonAsync(answered)).GetProperty("score").GetInt32());

        var results = await world.Api[MemberRole.Employee].GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/self-diagnosis");
        Assert.Equal((96, "営業部"), (results.GetProperty("combinedScore").GetInt32(), results.GetProperty("latest")[0].GetProperty("department").GetString()));
        var history = await world.Api[MemberRole.Auditor].GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/self-diagnosis/responses");
        Assert.Equal(1, history.GetProperty("total").GetInt32());
        var gaps = await world.Api[MemberRole.Auditor].GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/self-diagnosis/gaps");
        Assert.Equal(3, gaps.EnumerateArray().Single().GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Employee].GetAsync($"/api/v1/organizations/{world.Slug}/self-diagnosis/gaps")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync($"/api/v1/organizations/{world.Slug}/self-diagnosis")).StatusCode);
    }

    [Fact]
    public async Task The_administrator_lists_members_invites_and_withdraws_an_invitation()
    {
        var world = await WorldAsync();
        var admin = world.Api[MemberRole.Administrator];

        var members = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/members?pageSize=2");
        Assert.Equal((4, 2), (members.GetProperty("total").GetInt32(), members.GetProperty("items").GetArrayLength()));
        Assert.Equal("Administrator", members.GetProperty("items")[0].GetProperty("role").GetString());

        var invalid = await admin.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/invitations", new { email = "not-an-address", role = "Employee" });
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("email", out _));
        var invited = await admin.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/invitations", new { email = "new@acme.example.jp", role = "Employee", language = "ja" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var body = await JsonAsync(invited);
        Assert.Contains("/invitations/", body.GetProperty("link").GetString(), StringComparison.Ordinal);
        var id = body.GetProperty("invitation").GetProperty("id").GetGuid();
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/invitations")).GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.SecurityOfficer].DeleteAsync($"/api/v1/organizations/{world.Slug}/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.DeleteAsync($"/api/v1/organizations/{world.Slug}/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/organizations/{world.Slug}/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/organizations/{world.Slug}/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.SecurityOfficer].GetAsync($"/api/v1/organizations/{world.Slug}/members")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_is_read_newest_first_in_pages_and_verified()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];
        foreach (var name in new[] { "一", "二", "三" })
        {
            Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/assets", new { businessCategory = "営業", name, confidentiality = 1, integrity = 1, availability = 1 })).StatusCode);
        }

        var auditor = world.Api[MemberRole.Auditor];
        var first = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/audit?pageSize=2");
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/audit?pageSize=2&page=2");
        var sequences = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.True(first.GetProperty("total").GetInt32() >= 3);
        Assert.Equal($"securityofficer@{world.Slug}.example.jp", first.GetProperty("items")[0].GetProperty("actor").GetString());

        var verified = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/audit/verify");
        Assert.True(verified.GetProperty("intact").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/v1/organizations/{world.Slug}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync($"/api/v1/organizations/{world.Slug}/audit/verify")).StatusCode);
    }
    [Fact]
    public async Task Lv1_chosen_threats_become_risk_scenarios_per_asset_and_the_reduced_ones_are_named_for_step_3()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];
        var scenariosUrl = $"/api/v1/organizations/{world.Slug}/quick/scenarios";
        var assets = new List<Guid>();
        foreach (var name in new[] { "顧客台帳", "見積書" })
        {
            var asset = await officer.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/assets", new { businessCategory = "営業", name, confidentiality = 3, integrity = 2, availability = 2 });
            assets.Add((await JsonAsync(asset)).GetProperty("id").GetGuid());
        }

        var unknown = await officer.PostAsJsonAsync(scenariosUrl, new { rows = new object[] { new { topic = "no-such-threat", assets } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await JsonAsync(unknown)).GetProperty("errors").TryGetProperty("topic", out _));
        var noAsset = await officer.PostAsJsonAsync(scenariosUrl, new { rows = new object[] { new { topic = "ransomware", assets = new[] { Guid.NewGuid() } } } });
        Assert.True((await JsonAsync(noAsset)).GetProperty("errors").TryGetProperty("assets", out _));
        await using (var db = world.Host.Database.Open(world.Org.Id))
        {
            Assert.Empty(db.RiskScenarios);
        }

        var assessed = await officer.PostAsJsonAsync(scenariosUrl, new
        {
            rows = new object[]
            {
                new { topic = "ransomware", assets, threatLikelihood = 3, vulnerabilityExposure = 2, treatment = "Reduce" },
                new { topic = "insider", assets = assets.Take(1), treatment = "Accept" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        var result = await JsonAsync(assessed);
        Assert.Equal(["ransomware"], result.GetProperty("reduce").EnumerateArray().Select(t => t.GetString()));
        var scenarios = result.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(3, scenarios.Count);
        Assert.Contains(scenarios, s => s.GetProperty("assetName").GetString() == "顧客台帳" && s.GetProperty("threatLikelihood").GetInt32() == 3 && s.GetProperty("controls").GetArrayLength() > 0);
        Assert.Equal(3, (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/risks")).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PostAsJsonAsync(scenariosUrl, new { rows = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.PostAsJsonAsync(scenariosUrl, new { rows = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task Lv1_threats_are_ranked_generated_and_adopted_and_Lv2_chapters_take_their_holders_and_are_adopted()
    {
        var world = await WorldAsync();
        var officer = world.Api[MemberRole.SecurityOfficer];

        var ranked = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/quick/threats");
        Assert.NotEmpty(ranked.EnumerateArray());
        var unknown = await officer.GetAsync($"/api/v1/organizations/{world.Slug}/quick/standards?topics=no-such-threat");
        Assert.True((await JsonAsync(unknown)).GetProperty("errors").TryGetProperty("topics", out _));
        var generated = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/quick/standards?topics=ransomware");
        Assert.Equal("ransomware", generated[0].GetProperty("topic").GetString());
        var adopted = await officer.PostAsJsonAsync($"/api/v1/organizations/{world.Slug}/quick/standards", new { topics = new[] { "ransomware" } });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        Assert.Contains((await JsonAsync(adopted)).EnumerateArray(), d => d.GetProperty("kind").GetString() == "Standard");
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].GetAsync($"/api/v1/organizations/{world.Slug}/quick/threats")).StatusCode);

        var tailoring = await world.Api[MemberRole.Auditor].GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{world.Slug}/baseline/tailoring");
        Assert.NotEmpty(tailoring.GetProperty("chapters").EnumerateArray());
        var holders = tailoring.GetProperty("roles").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => "担当 " + r.GetProperty("title").GetString());
        var saved = await officer.PutAsJsonAsync($"/api/v1/organizations/{world.Slug}/baseline/holders", new { holders });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var afterSave = await JsonAsync(saved);
        Assert.All(afterSave.GetProperty("roles").EnumerateArray(), r => Assert.StartsWith("担当 ", r.GetProperty("holders").GetString(), StringComparison.Ordinal));
        Assert.Empty(afterSave.GetProperty("unfilled").EnumerateArray());
        var adoptedChapters = await officer.PostAsync($"/api/v1/organizations/{world.Slug}/baseline/adoption", null);
        Assert.Equal(HttpStatusCode.OK, adoptedChapters.StatusCode);
        Assert.Equal(tailoring.GetProperty("chapters").GetArrayLength(), (await JsonAsync(adoptedChapters)).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[MemberRole.Auditor].PostAsync($"/api/v1/organizations/{world.Slug}/baseline/adoption", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync($"/api/v1/organizations/{world.Slug}/baseline/tailoring")).StatusCode);
    }
}
