using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Features.RuleValues;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

/// <summary>One host for the class; each test works in an organization, with people, of its own.</summary>
public class The_rule_values_page(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private readonly string _slug = $"rules-{Guid.NewGuid():N}"[..14];

    private string Org => $"/o/{_slug}";

    private string Page => $"{Org}/rule-values";

    private string Officer => $"officer@{_slug}.example.jp";

    private string Manager => $"manager@{_slug}.example.jp";

    private async Task<(WebHost Host, Organization Org)> StartAsync()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug, "株式会社ルール");
        await host.UserAsync(Officer, org, MemberRole.SecurityOfficer);
        await host.UserAsync(Manager, org, MemberRole.DepartmentManager, "営業部");
        return (host, org);
    }

    /// <summary>Every editable value as the page posts it, with <paramref name="changes"/> over what the page shows.</summary>
    private async Task<Dictionary<string, string>> FormAsync(HttpClient client, params (string Key, string Value)[] changes)
    {
        var page = await client.GetHtmlAsync(Page);
        var fields = page.QuerySelectorAll("form [name^='values[']")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.LocalName == "select" ? e.QuerySelector("option[selected]")!.GetAttribute("value")! : e.GetAttribute("value") ?? "");
        foreach (var (key, value) in changes)
        {
            fields[$"values[{key}]"] = value;
        }

        return fields;
    }

    private static async Task<Dictionary<string, string>> StoredAsync(WebHost host, Organization org)
    {
        await using var db = host.Database.Open(org.Id);
        return (await db.Organizations.SingleAsync(o => o.Id == org.Id)).RuleValues;
    }

    [Fact]
    public async Task Shows_each_value_by_group_with_its_default_and_reason_and_the_facts_read_only()
    {
        var (host, _) = await StartAsync();
        var officer = await host.SignedInAsync(Officer);

        var page = await officer.GetHtmlAsync(Page);

        Assert.Equal(RuleValuesCatalog.For(Language.Japanese).Groups.Count, page.QuerySelectorAll("fieldset[data-group]").Length);
        var patch = page.QuerySelector("[data-rule-value='patch_critical_days']")!;
        Assert.Contains("重大・高の脆弱性を修正する更新の適用期限", patch.TextContent, StringComparison.Ordinal);
        Assert.Equal(("number", "14", "1", "14"), (patch.QuerySelector("input")!.GetAttribute("type"), patch.QuerySelector("input")!.GetAttribute("value"), patch.QuerySelector("input")!.GetAttribute("min"), patch.QuerySelector("input")!.GetAttribute("max")));
        Assert.Contains("既定値: 14 日以内", patch.TextContent, StringComparison.Ordinal);
        Assert.Contains("4-4-4-2", patch.TextContent, StringComparison.Ordinal);
        var backup = page.QuerySelector("[data-rule-value='backup_frequency'] select")!;
        Assert.Equal(["every-business-day", "daily", "weekly"], backup.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        var fact = page.QuerySelector("[data-rule-value='ppc_final_days_malicious']")!;
        Assert.NotNull(fact.QuerySelector("input[readonly]"));
        Assert.Null(fact.QuerySelector("[name]"));
        Assert.Contains("根拠", fact.TextContent, StringComparison.Ordinal);
        Assert.Equal(Page, page.QuerySelector($"nav a[href='{Page}']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Shows_a_message_beside_each_wrong_value_and_saves_none()
    {
        var (host, org) = await StartAsync();
        var officer = await host.SignedInAsync(Officer);

        var response = await officer.PostFormAsync(Page, await FormAsync(officer, ("patch_other_days", "20"), ("lockout_failures", "11"), ("label_secret", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        Assert.Contains("3〜10", page.QuerySelector("[data-rule-value='lockout_failures'] .field-validation-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-rule-value='label_secret'] input.is-invalid"));
        Assert.Null(page.QuerySelector("[data-rule-value='patch_other_days'] .field-validation-error"));
        Assert.Equal("20", page.QuerySelector("[data-rule-value='patch_other_days'] input")!.GetAttribute("value"));
        Assert.Empty(await StoredAsync(host, org));
    }

    [Fact]
    public async Task Asks_before_flagging_approved_documents_and_says_how_many()
    {
        var (host, org) = await StartAsync();
        await using (var db = host.Database.Open(org.Id))
        {
            foreach (var (number, status) in new[] { ("1", VersionStatus.Published), ("2", VersionStatus.Approved), ("3", VersionStatus.Draft) })
            {
                var document = new PolicyDocument(org.Id, DocumentKind.Standard, number, $"基準{number}");
                var version = new DocumentVersion(org.Id, document.Id, 1, "重大な更新は {{ rules.patch_critical_days }} 日以内に適用する。", "佐藤", DateTimeOffset.UtcNow);
                if (status != VersionStatus.Draft)
                {
                    version.SubmitForReview();
                    version.Approve("田中", DateTimeOffset.UtcNow, RuleValueUse.Snapshot(version.Body, new Dictionary<string, string>()));
                }

                if (status == VersionStatus.Published)
                {
                    version.Publish(DateTimeOffset.UtcNow);
                }

                db.PolicyDocuments.Add(document);
                db.DocumentVersions.Add(version);
            }

            await db.SaveChangesAsync();
        }

        var officer = await host.SignedInAsync(Officer);
        var form = await FormAsync(officer, ("patch_critical_days", "7"));

        var asked = await (await officer.PostFormAsync(Page, form)).HtmlAsync();
        Assert.Contains("文書 2 件", asked.QuerySelector("[data-testid='confirm-flags']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["1 基準1", "2 基準2"], asked.QuerySelectorAll("[data-testid='confirm-flags'] li").Select(li => li.TextContent.Trim()));
        Assert.Empty(await StoredAsync(host, org));

        form["confirmed"] = "true";
        var saved = await officer.PostFormAsync(Page, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["patch_critical_days"] = "7" }, await StoredAsync(host, org));
        Assert.Contains("2 件に「改訂を推奨」", (await officer.GetHtmlAsync(Page)).QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_list_page_and_dashboard_name_the_value_an_approved_document_now_reads_differently()
    {
        var (host, org) = await StartAsync();
        Guid id;
        await using (var db = host.Database.Open(org.Id))
        {
            var document = new PolicyDocument(org.Id, DocumentKind.Standard, "1", "パッチ管理基準");
            var version = new DocumentVersion(org.Id, document.Id, 1, "重大な更新は {{ rules.patch_critical_days }} 日以内に適用する。", "佐藤", DateTimeOffset.UtcNow);
            version.SubmitForReview();
            version.Approve("田中", DateTimeOffset.UtcNow, RuleValueUse.Snapshot(version.Body, new Dictionary<string, string>()));
            version.Publish(DateTimeOffset.UtcNow);
            db.PolicyDocuments.Add(document);
            db.DocumentVersions.Add(version);
            // The dashboard shows documents to review once the register has an asset.
            db.Assets.Add(new InformationAsset(org.Id, "顧客名簿", Rating.High, Rating.Low, Rating.Low));
            await db.SaveChangesAsync();
            id = document.Id;
        }

        var officer = await host.SignedInAsync(Officer);
        var form = await FormAsync(officer, ("patch_critical_days", "7"));
        form["confirmed"] = "true";
        await officer.PostFormAsync(Page, form);

        const string Label = "重大・高の脆弱性を修正する更新の適用期限";
        Assert.Contains(Label, (await officer.GetHtmlAsync($"{Org}/policy")).QuerySelector("[data-testid='changed-rule-values']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{Label}: 14 日以内 → 7 日以内", (await officer.GetHtmlAsync($"{Org}/policy/{id}")).QuerySelector("[data-testid='changed-rule-values']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Label, (await officer.GetHtmlAsync(Org)).QuerySelector("[data-testid='documents-to-review']")!.TextContent, StringComparison.Ordinal);
        var published = await officer.GetHtmlAsync($"{Org}/policy/{id}/versions/1");
        Assert.Contains("14 日以内", published.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lets_readers_see_the_values_but_not_change_them()
    {
        var (host, org) = await StartAsync();
        var manager = await host.SignedInAsync(Manager);

        var page = await manager.GetHtmlAsync(Page);
        var refused = await manager.PostFormAsync(Page, new() { ["values[patch_critical_days]"] = "7" });

        Assert.All(page.QuerySelectorAll("form [name^='values[']"), e => Assert.True(e.HasAttribute("disabled")));
        Assert.Null(page.QuerySelector("main button[type=submit]"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await StoredAsync(host, org));
    }

    [Fact]
    public async Task Is_complete_in_English()
    {
        var (host, _) = await StartAsync();
        var officer = await host.SignedInAsync(Officer);
        await officer.PostFormAsync("/culture", new() { ["lang"] = "en", ["returnUrl"] = Page }, formPage: Page);

        var page = await officer.GetHtmlAsync(Page);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Equal("Rule values", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Default: 14 days", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", text);
    }
}

public class The_rule_values_API
{
    private const string Path = "/api/v1/organizations/acme/rule-values";

    [Fact]
    public async Task Lists_the_values_and_sets_several_at_once_or_none_with_a_message_per_wrong_key()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var officer = host.CreateClient();
        officer.UseToken(await The_REST_API.TokenAsync(host, await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer)));
        var auditor = host.CreateClient();
        auditor.UseToken(await The_REST_API.TokenAsync(host, await host.UserAsync("audit@example.jp", org, MemberRole.Auditor)));

        var wrong = await officer.PutAsJsonAsync(Path, new Dictionary<string, object?> { ["patch_critical_days"] = 7, ["lockout_failures"] = 20, ["ppc_final_days"] = "10" });
        var byAuditor = await auditor.PutAsJsonAsync(Path, new Dictionary<string, object?> { ["patch_critical_days"] = 7 });
        var saved = await officer.PutAsJsonAsync(Path, new Dictionary<string, object?> { ["patch_critical_days"] = 7, ["patch_cvss_threshold"] = "6.5", ["restore_test_frequency"] = "half-yearly", ["label_secret"] = "機密" });
        var reset = await officer.PutAsJsonAsync(Path, new Dictionary<string, object?> { ["label_secret"] = null });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["lockout_failures", "ppc_final_days"], errors.EnumerateObject().Select(e => e.Name));
        Assert.StartsWith("lockout_failures（", errors.GetProperty("lockout_failures")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["patch_critical_days", "patch_cvss_threshold", "restore_test_frequency", "label_secret"],
            (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var values = await auditor.GetFromJsonAsync<JsonElement>(Path);
        var patch = values.EnumerateArray().Single(v => v.GetProperty("key").GetString() == "patch_critical_days");
        Assert.Equal(("7", "7", "14", "number", 1m, 14m), (patch.GetProperty("value").GetString(), patch.GetProperty("shown").GetString(), patch.GetProperty("default").GetString(), patch.GetProperty("kind").GetString(), patch.GetProperty("min").GetDecimal(), patch.GetProperty("max").GetDecimal()));
        var label = values.EnumerateArray().Single(v => v.GetProperty("key").GetString() == "label_secret");
        Assert.Equal((JsonValueKind.Null, "極秘"), (label.GetProperty("value").ValueKind, label.GetProperty("shown").GetString()));
        var fact = values.EnumerateArray().Single(v => v.GetProperty("key").GetString() == "ppc_final_days_malicious");
        Assert.Equal(("fact", "60"), (fact.GetProperty("kind").GetString(), fact.GetProperty("shown").GetString()));
    }
}
