using System.Net;
using Mamori.Data;

namespace Mamori.Web.Tests;

public class First_start
{
    [Fact]
    public async Task Leads_every_page_to_setup_until_an_administrator_exists()
    {
        using var host = new WebHost();
        var client = host.Browser();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Setup_creates_the_administrator_and_the_organization_and_signs_in()
    {
        using var host = new WebHost();
        var client = host.Browser();

        var response = await client.PostFormAsync("/setup", new()
        {
            ["Input.DisplayName"] = "山田 太郎",
            ["Input.Email"] = "owner@example.jp",
            ["Input.Password"] = WebHost.Password,
            ["Input.OrganizationName"] = "株式会社山田商事",
            ["Input.Slug"] = "yamada",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/o/yamada", response.Headers.Location!.OriginalString);
        var dashboard = await client.GetHtmlAsync("/o/yamada");
        Assert.Contains("株式会社山田商事", dashboard.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var again = await host.Browser().GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Setup_with_a_weak_password_says_why_beside_the_field_and_stores_nothing()
    {
        using var host = new WebHost();
        var client = host.Browser();

        var response = await client.PostFormAsync("/setup", new()
        {
            ["Input.DisplayName"] = "山田",
            ["Input.Email"] = "owner@example.jp",
            ["Input.Password"] = "short",
            ["Input.OrganizationName"] = "山田商事",
            ["Input.Slug"] = "yamada",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        Assert.Contains("10 文字以上", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        Assert.Empty(db.Organizations);
    }

    [Fact]
    public async Task The_environment_can_create_the_first_administrator()
    {
        using var host = new WebHost(settings: new() { ["MAMORI_ADMIN_EMAIL"] = "ops@example.jp", ["MAMORI_ADMIN_PASSWORD"] = WebHost.Password });

        var client = await host.SignedInAsync("ops@example.jp");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/orgs")).StatusCode);
    }

    [Fact]
    public async Task The_demo_holds_the_seeds_examples()
    {
        using var host = new WebHost(settings: new() { ["demo"] = "true", ["MAMORI_ADMIN_EMAIL"] = "demo@example.jp", ["MAMORI_ADMIN_PASSWORD"] = WebHost.Password });
        var client = await host.SignedInAsync("demo@example.jp");

        var assets = await client.GetHtmlAsync("/o/demo/assets?sort=name");
        Assert.Equal("9", assets.QuerySelector("[data-testid='risk-社員名簿']")!.TextContent.Trim());
        Assert.Equal("6", assets.QuerySelector("[data-testid='risk-顧客リスト']")!.TextContent.Trim());
        var risks = await client.GetHtmlAsync("/o/demo/risks");
        Assert.Contains("盗難による情報漏えい", risks.QuerySelector("[data-testid='risk-table']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("未対応", risks.QuerySelector("[data-testid='risk-table']")!.TextContent, StringComparison.Ordinal);
    }
}

public class Signing_in
{
    [Fact]
    public async Task Says_the_same_for_an_unknown_address_and_a_wrong_password()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("known@example.jp", org);

        var unknown = await (await host.Browser().PostFormAsync("/account/signin", new() { ["Email"] = "nobody@example.jp", ["Password"] = "whatever-123" })).HtmlAsync();
        var wrong = await (await host.Browser().PostFormAsync("/account/signin", new() { ["Email"] = "known@example.jp", ["Password"] = "whatever-123" })).HtmlAsync();

        Assert.Equal(unknown.QuerySelector(".alert-danger")!.TextContent.Trim(), wrong.QuerySelector(".alert-danger")!.TextContent.Trim());
    }

    [Fact]
    public async Task Locks_the_account_after_five_failures()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("known@example.jp", org);
        for (var i = 0; i < 5; i++)
        {
            await host.Browser().PostFormAsync("/account/signin", new() { ["Email"] = "known@example.jp", ["Password"] = "wrong-password-1" });
        }

        var response = await host.Browser().PostFormAsync("/account/signin", new() { ["Email"] = "known@example.jp", ["Password"] = WebHost.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("15 分", (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("known@example.jp", org);

        var response = await host.Browser().GetAsync("/o/acme/assets");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("known@example.jp", org);
        var client = await host.SignedInAsync("known@example.jp");

        await client.PostFormAsync("/account/signout", new(), formPage: "/o/acme");

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/o/acme")).StatusCode);
    }

    [Fact]
    public async Task The_language_switch_shows_English()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("known@example.jp", org);
        var client = await host.SignedInAsync("known@example.jp");

        await client.PostFormAsync("/culture", new() { ["lang"] = "en", ["returnUrl"] = "/o/acme/assets" }, formPage: "/o/acme/assets");
        var page = await client.GetHtmlAsync("/o/acme/assets");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Information asset register", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("known@example.jp", org);
        var client = await host.SignedInAsync("known@example.jp");

        var wrong = await client.PostFormAsync("/account/password", new() { ["Current"] = "not-it-123456", ["New"] = "a-new-pass-2025", ["Confirm"] = "a-new-pass-2025" });
        Assert.Contains("正しくありません", (await wrong.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);

        await client.PostFormAsync("/account/password", new() { ["Current"] = WebHost.Password, ["New"] = "a-new-pass-2025", ["Confirm"] = "a-new-pass-2025" });
        await host.SignedInAsync("known@example.jp", "a-new-pass-2025");
    }
}
