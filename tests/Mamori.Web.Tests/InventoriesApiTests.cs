using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

/// <summary>The four inventories through the API: the same use cases and permissions as their pages.</summary>
public sealed class The_inventories_API
{
    private const string Devices = "/api/v1/organizations/acme/inventories/devices";

    private sealed record World(WebHost Host, Organization Org, HttpClient Officer, HttpClient Auditor, HttpClient Foreign) : IDisposable
    {
        public void Dispose() => Host.Dispose();
    }

    private static async Task<World> WorldAsync()
    {
        var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var other = await host.OrganizationAsync("other");
        return new(host, org,
            await ClientAsync(host, "officer@acme.example.jp", org, MemberRole.SecurityOfficer),
            await ClientAsync(host, "auditor@acme.example.jp", org, MemberRole.Auditor),
            await ClientAsync(host, "admin@other.example.jp", other, MemberRole.Administrator));
    }

    private static async Task<HttpClient> ClientAsync(WebHost host, string email, Organization org, MemberRole role)
    {
        var client = host.CreateClient();
        client.UseToken(await The_REST_API.TokenAsync(host, await host.UserAsync(email, org, role)));
        return client;
    }

    private static MultipartFormDataContent File(string csv) => new()
    {
        { new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)]), "file", "devices.csv" },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task An_entry_is_created_listed_changed_with_its_version_and_deleted()
    {
        using var world = await WorldAsync();

        var invalid = await world.Officer.PostAsJsonAsync(Devices, new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("name", out _));

        var created = await world.Officer.PostAsJsonAsync(Devices, new { name = "営業用ノートPC", software = "Windows 11", supportEndsOn = "2030-10-14" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var entry = await JsonAsync(created);
        Assert.Equal(("devices", false), (entry.GetProperty("kind").GetString(), entry.GetProperty("lacksSomething").GetBoolean()));

        var page = await JsonAsync(await world.Auditor.GetAsync(Devices + "?page=1&pageSize=10"));
        Assert.Equal((1, 10), (page.GetProperty("total").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal("営業用ノートPC", page.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(0, (await JsonAsync(await world.Auditor.GetAsync("/api/v1/organizations/acme/inventories/networks"))).GetProperty("total").GetInt32());

        var version = entry.GetProperty("version").GetInt32();
        var changed = await world.Officer.PutAsJsonAsync(url, new { name = "営業用ノートPC", software = "", version });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True((await JsonAsync(changed)).GetProperty("lacksSomething").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await world.Officer.PutAsJsonAsync(url, new { name = "古い版", version })).StatusCode);
        Assert.Equal("", (await JsonAsync(await world.Auditor.GetAsync(url))).GetProperty("software").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await world.Officer.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Auditor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_read_only_role_may_read_but_not_write_and_another_organization_finds_nothing()
    {
        using var world = await WorldAsync();
        var created = await world.Officer.PostAsJsonAsync(Devices, new { name = "ファイルサーバー" });
        var url = created.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.OK, (await world.Auditor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Auditor.PostAsJsonAsync(Devices, new { name = "私物PC" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Auditor.PutAsJsonAsync(url, new { name = "私物PC", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Auditor.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Auditor.PostAsync(Devices + "/import", File("機器名\n私物PC\n"))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.GetAsync(Devices)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Foreign.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Officer.GetAsync("/api/v1/organizations/acme/inventories/printers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Auditor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_file_is_imported_all_or_nothing_with_the_bad_row_named_and_exported_again()
    {
        using var world = await WorldAsync();

        var bad = await world.Officer.PostAsync(Devices + "/import", File("機器名,OS とその版,サポート期限\n営業用ノートPC,Windows 11,2030/10/14\nファイルサーバー,Linux,来年\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        var problem = (await JsonAsync(bad)).GetProperty("problems")[0];
        Assert.Equal((3, "サポート期限"), (problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString()));
        Assert.Equal(0, (await JsonAsync(await world.Officer.GetAsync(Devices))).GetProperty("total").GetInt32());

        var noFile = await world.Officer.PostAsync(Devices + "/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.True((await JsonAsync(noFile)).GetProperty("errors").TryGetProperty("file", out _));

        var good = await world.Officer.PostAsync(Devices + "/import", File("機器名,OS とその版\n営業用ノートPC,Windows 11\nファイルサーバー,Linux\n"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(2, (await JsonAsync(good)).GetProperty("imported").GetInt32());

        var csv = await world.Auditor.GetAsync(Devices + "/export?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("営業用ノートPC", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var xlsx = await world.Auditor.GetAsync(Devices + "/export");
        Assert.Equal("xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar!.Split('.')[^1]);
        Assert.True((await JsonAsync(await world.Auditor.GetAsync(Devices + "/export?format=pdf"))).GetProperty("errors").TryGetProperty("format", out _));
    }
}
