using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Domain.Organizations;
using Mamori.Features.Policies;

namespace Mamori.Web.Tests;

public class The_policy_check_page
{
    private const string Page = "/o/policy/policy/check";

    private static async Task<(WebHost Host, HttpClient Officer, Organization Org)> StartAsync()
    {
        var host = new WebHost();
        var org = await host.OrganizationAsync("policy", "株式会社ポリシー");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        return (host, await host.SignedInAsync("officer@example.jp"), org);
    }

    private static async Task AddStandardAsync(WebHost host, Organization org, string body)
    {
        await using var db = host.Database.Open(org.Id);
        var saved = await SaveDocument.HandleAsync(db, new Membership(org.Id, "u", MemberRole.SecurityOfficer), null,
            new SaveDocument.Request { Number = "5", Title = "機器の管理基準", Body = body, Summary = "新規制定" }, "佐藤", DateTimeOffset.UtcNow);
        Assert.Equal(Mamori.Features.SaveStatus.Saved, saved.Status);
    }

    [Fact]
    public async Task Is_linked_from_the_policy_set_and_says_when_nothing_is_found()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await AddStandardAsync(host, org, "## 機器\n\nサーバーの設定を記録する。");

        var list = await officer.GetHtmlAsync("/o/policy/policy");
        var page = await officer.GetHtmlAsync(Page);

        Assert.NotNull(list.QuerySelector($"main a[href='{Page}']"));
        Assert.Contains("矛盾は見つかりませんでした", page.QuerySelector("[data-testid='no-findings']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-testid='finding']"));
    }

    [Fact]
    public async Task Lists_each_finding_under_its_kind_with_document_section_and_text()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await AddStandardAsync(host, org, "## 機器\n\nサーバの設定を記録し、重大な脆弱性のパッチは30日以内に適用する。経理責任者が確認する。");

        var page = await officer.GetHtmlAsync(Page);

        Assert.Equal("3 件の指摘があります。", page.QuerySelector("[data-testid='finding-count']")!.TextContent);
        Assert.Equal(["ConflictingValue", "UndefinedRole", "HouseStyle"], page.QuerySelectorAll("section[data-kind]").Select(s => s.GetAttribute("data-kind")));
        var conflict = page.QuerySelector("section[data-kind='ConflictingValue'] [data-testid='finding']")!;
        var cells = conflict.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(("5 機器の管理基準", "機器"), (cells[0], cells[1]));
        Assert.Contains("30日以内", cells[2], StringComparison.Ordinal);
        Assert.Contains("14日以内", cells[2], StringComparison.Ordinal);
        Assert.StartsWith("基準値と食い違う記述", page.QuerySelector("section[data-kind='ConflictingValue'] h2")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_complete_in_English()
    {
        var (host, officer, _) = await StartAsync();
        using var _h = host;
        await officer.PostFormAsync("/culture", new() { ["lang"] = "en", ["returnUrl"] = Page }, formPage: Page);

        var page = await officer.GetHtmlAsync(Page);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Equal("Policy set consistency check", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("No inconsistencies found", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", text);
    }
}

public class The_policy_check_API
{
    [Fact]
    public async Task Returns_the_findings_with_their_kind_document_section_and_text()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var auditor = host.CreateClient();
        auditor.UseToken(await The_REST_API.TokenAsync(host, await host.UserAsync("audit@example.jp", org, MemberRole.Auditor)));
        await using (var db = host.Database.Open(org.Id))
        {
            await SaveDocument.HandleAsync(db, new Membership(org.Id, "u", MemberRole.SecurityOfficer), null,
                new SaveDocument.Request { Number = "1", Title = "基準", Body = "## 機器\n\nサーバの設定を記録する。", Summary = "新規制定" }, "佐藤", DateTimeOffset.UtcNow);
        }

        var findings = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/organizations/acme/documents/check");

        var finding = Assert.Single(findings.EnumerateArray());
        Assert.Equal(("house-style", "1", "基準", "機器", "サーバの設定を記録する。"), (
            finding.GetProperty("kind").GetString(), finding.GetProperty("documentNumber").GetString(), finding.GetProperty("documentTitle").GetString(),
            finding.GetProperty("section").GetString(), finding.GetProperty("text").GetString()));
    }
}
