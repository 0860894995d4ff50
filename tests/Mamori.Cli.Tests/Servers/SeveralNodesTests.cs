using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Data;

namespace Mamori.Cli.Tests.Servers;

/// <summary>
/// Two `mamori serve` processes on one PostgreSQL, as behind a load balancer: a person
/// signed in through one node keeps working through the other, forms included, and each
/// node reads what the other wrote; the second node uses the data-protection key the first
/// stored in the database rather than making one of its own.
/// </summary>
public class Two_web_nodes_on_one_PostgreSQL
{
    /// <summary>One test for the key ring and the shared session: each needs two server processes, the slowest thing a test here starts.</summary>
    [Fact]
    public async Task Share_one_data_protection_key_ring_sign_in_antiforgery_and_data_in_both_directions()
    {
        await using var database = await ServerDatabase.CreateWithDemoAsync(DatabaseProvider.Postgres);
        await using (var db = database.Open().Open())
        {
            Assert.Empty(db.DataProtectionKeys);
        }

        await using var nodeA = await ServerProcess.StartAsync(database.Arguments, demo: true);
        await using var nodeB = await ServerProcess.StartAsync(database.Arguments);
        await using (var db = database.Open().Open())
        {
            var key = Assert.Single(db.DataProtectionKeys);
            Assert.Contains("<key ", key.Xml, StringComparison.Ordinal);
        }

        // One browser: cookies do not depend on the port, as they would not on a shared host name.
        var cookies = new CookieContainer();
        using var viaA = nodeA.Client(cookies);
        using var viaB = nodeB.Client(cookies);

        await Forms.SignInAsync(viaA);

        var register = await viaB.GetAsync("/o/demo/assets");
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        // A form loaded from A (its antiforgery cookie and token made there) is posted to B.
        var tokenFromA = await Forms.TokenAsync(viaA, "/o/demo/assets/new");
        var createdOnB = await Forms.PostAsync(viaB, "/o/demo/assets/new", tokenFromA, Asset("ノードBで登録した資産"));
        Assert.Equal(HttpStatusCode.Redirect, createdOnB.StatusCode);
        Assert.Contains("ノードBで登録した資産", await viaA.GetStringAsync("/o/demo/assets"), StringComparison.Ordinal);

        var tokenFromB = await Forms.TokenAsync(viaB, "/o/demo/assets/new");
        var createdOnA = await Forms.PostAsync(viaA, "/o/demo/assets/new", tokenFromB, Asset("ノードAで登録した資産"));
        Assert.Equal(HttpStatusCode.Redirect, createdOnA.StatusCode);
        Assert.Contains("ノードAで登録した資産", await viaB.GetStringAsync("/o/demo/assets"), StringComparison.Ordinal);

        // The cookie-authenticated API, with the header token from the other node.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/demo/assets")
        {
            Content = JsonContent.Create(new { name = "API経由の資産", confidentiality = 2, integrity = 2, availability = 2 }),
        };
        request.Headers.Add("X-CSRF-TOKEN", await Forms.TokenAsync(viaA, "/o/demo/assets/new"));
        Assert.Equal(HttpStatusCode.Created, (await viaB.SendAsync(request)).StatusCode);
        var listed = await viaA.GetFromJsonAsync<JsonElement>("/api/v1/organizations/demo/assets?q=API");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "API経由の資産");
    }

    private static Dictionary<string, string> Asset(string name) => new()
    {
        ["Input.BusinessCategory"] = "共通",
        ["Input.Name"] = name,
        ["Input.Confidentiality"] = "2",
        ["Input.Integrity"] = "2",
        ["Input.Availability"] = "1",
    };
}
