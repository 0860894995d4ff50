using System.Net;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

public class Pages_outside_an_organization(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    [Theory]
    [InlineData("/orgs", "株式会社acme")]
    [InlineData("/catalog/controls", "8.24")]
    [InlineData("/catalog/controls?theme=People", "6.7")]
    [InlineData("/catalog/controls?attribute=controlTypes:corrective", "8.13")]
    [InlineData("/catalog/threats", "媒体や文書の盗難")]
    [InlineData("/catalog/vulnerabilities", "不十分なパスワード管理")]
    [InlineData("/catalog/top10?year=2024", "ランサムウェアによる被害")]
    [InlineData("/catalog/top10", "AIの利用をめぐるサイバーリスク")]
    [InlineData("/account/password", "パスワード変更")]
    [InlineData("/account/2fa", "2段階認証")]
    [InlineData("/account/tokens", "アクセストークン")]
    public async Task Answer_a_signed_in_user_with_their_content(string path, string expected)
    {
        // The rows only read: one employee of acme, signed in once, on one host.
        var client = await shared.OnceAsync("member of acme", async host =>
        {
            var org = await host.OrganizationAsync("acme");
            await host.UserAsync("member@example.jp", org, MemberRole.Employee);
            return await host.SignedInAsync("member@example.jp");
        });

        var page = await client.GetHtmlAsync(path);

        Assert.Contains(expected, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_goes_straight_to_the_only_organization()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("member@example.jp", org, MemberRole.Employee);
        var client = await host.SignedInAsync("member@example.jp");

        var response = await client.GetAsync("/");

        Assert.Equal("/o/acme", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_organization_list_leads_to_the_client_overview_only_for_someone_with_several_organizations()
    {
        using var host = new WebHost();
        var acme = await host.OrganizationAsync("acme");
        var beta = await host.OrganizationAsync("beta");
        await host.UserAsync("member@example.jp", acme, MemberRole.Employee);
        await host.UserAsync("expert@example.jp", acme, MemberRole.Expert);
        await host.UserAsync("expert@example.jp", beta, MemberRole.Expert);

        var single = await (await host.SignedInAsync("member@example.jp")).GetHtmlAsync("/orgs");
        var several = await (await host.SignedInAsync("expert@example.jp")).GetHtmlAsync("/orgs");

        Assert.Null(single.QuerySelector("main a[href='/scs/clients']"));
        Assert.NotNull(several.QuerySelector("main a[href='/scs/clients']"));
    }

    [Fact]
    public async Task Only_a_site_administrator_adds_organizations_and_becomes_their_administrator()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("member@example.jp", org, MemberRole.Administrator);
        await host.UserAsync("root@example.jp", siteAdministrator: true);
        var member = await host.SignedInAsync("member@example.jp");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/orgs/new")).StatusCode);

        var root = await host.SignedInAsync("root@example.jp");
        var created = await root.PostFormAsync("/orgs/new", new() { ["Name"] = "新しい会社", ["Slug"] = "new-co" });

        Assert.Equal("/o/new-co/profile", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/o/new-co/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await root.GetAsync("/o/acme")).StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_removed()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");
        Guid membershipId;
        await using (var db = host.Database.Open(org.Id))
        {
            membershipId = db.Memberships.Single().Id;
        }

        var response = await admin.PostFormAsync($"/o/acme/members?handler=Remove&membershipId={membershipId}", new(), formPage: "/o/acme/members");

        Assert.Contains("最後の管理者", (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_shows_a_friendly_404()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("member@example.jp", org);
        var client = await host.SignedInAsync("member@example.jp");

        var response = await client.GetAsync("/o/nobody/assets");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ページが見つかりません", (await response.HtmlAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}
