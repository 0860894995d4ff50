using System.Net;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_tailoring_form
{
    private const string Tailor = "/o/base/baseline/tailor";

    [Fact]
    public async Task Creates_the_standard_roles_with_their_people_when_the_organization_has_none()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("base", "株式会社ベース");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");

        var response = await officer.PostFormAsync($"{Tailor}?handler=Holders", new()
        {
            ["holders[security_officer]"] = "取締役 佐藤 花子",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = host.Database.Open(org.Id);
        var roles = await db.PolicyRoles.OrderBy(r => r.Order).ToListAsync();
        Assert.Equal(["security_officer", "department_security_manager", "system_administrator", "education_officer"], roles.Select(r => r.Key));
        Assert.Equal("取締役 佐藤 花子", roles[0].Holders);
        Assert.All(roles.Skip(1), r => Assert.Equal("", r.Holders));
        var page = await officer.GetHtmlAsync(Tailor);
        // The chapter names each role with its people where it assigns a duty (the roles table itself stands once, in the book).
        Assert.Contains("情報セキュリティ責任者（取締役 佐藤 花子）", page.QuerySelector("[data-testid='chapter-organizational']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/o/base/rule-values", page.QuerySelector("[data-testid='rule-values-link']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Changes_only_the_organizations_own_roles_and_refuses_readers()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("base", "株式会社ベース");
        var other = await host.OrganizationAsync("other", "株式会社ほか");
        Guid ownRole, foreignRole;
        await using (var db = host.Database.Open(org.Id))
        {
            var role = new PolicyRole(org.Id, "情報セキュリティ責任者", "全体の責任", 1) { Key = "security_officer" };
            db.PolicyRoles.Add(role);
            await db.SaveChangesAsync();
            ownRole = role.Id;
        }

        await using (var db = host.Database.Open(other.Id))
        {
            var role = new PolicyRole(other.Id, "情報セキュリティ責任者", "全体の責任", 1) { Key = "security_officer", Holders = "他社の人" };
            db.PolicyRoles.Add(role);
            await db.SaveChangesAsync();
            foreignRole = role.Id;
        }

        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);
        var officer = await host.SignedInAsync("officer@example.jp");
        var auditor = await host.SignedInAsync("auditor@example.jp");

        var refused = await auditor.PostFormAsync($"{Tailor}?handler=Holders", new() { [$"holders[{ownRole}]"] = "監査人の書き込み" });
        var saved = await officer.PostFormAsync($"{Tailor}?handler=Holders", new()
        {
            [$"holders[{ownRole}]"] = "山田 太郎",
            [$"holders[{foreignRole}]"] = "書き換え",
        });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = host.Database.Open(org.Id))
        {
            Assert.Equal("山田 太郎", (await db.PolicyRoles.SingleAsync()).Holders);
        }

        await using (var db = host.Database.Open(other.Id))
        {
            Assert.Equal("他社の人", (await db.PolicyRoles.SingleAsync()).Holders);
        }
    }
}

public class The_self_diagnosis_page
{
    private static Dictionary<string, string> AllDone() =>
        Enumerable.Range(1, 25).ToDictionary(n => $"answers[{n}]", _ => "Done");

    [Fact]
    public async Task Takes_answers_from_employees_but_not_from_auditors()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("base", "株式会社ベース");
        await host.UserAsync("staff@example.jp", org, MemberRole.Employee);
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);
        var staff = await host.SignedInAsync("staff@example.jp");
        var auditor = await host.SignedInAsync("auditor@example.jp");

        var answered = await staff.PostFormAsync("/o/base/baseline/diagnosis", new(AllDone()) { ["department"] = "営業部" });
        var refused = await auditor.PostFormAsync("/o/base/baseline/diagnosis", new(AllDone()) { ["department"] = "監査" });
        var auditorPage = await auditor.GetHtmlAsync("/o/base/baseline/diagnosis");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(auditorPage.QuerySelector("main button[type=submit]"));
        await using var db = host.Database.Open(org.Id);
        Assert.Equal(["営業部"], await db.DiagnosisResponses.Select(r => r.Department).ToListAsync());
    }

    [Fact]
    public async Task Gap_report_has_a_print_button_and_prints_without_the_navigation()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("base", "株式会社ベース");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");

        var page = await officer.GetHtmlAsync("/o/base/baseline/gaps");

        Assert.NotNull(page.QuerySelector("button[data-print]"));
        Assert.Contains("d-print-none", page.QuerySelector("header")!.ClassName, StringComparison.Ordinal);
    }
}


public class The_soa_pages
{
    private static async Task<(WebHost Host, HttpClient Officer, Organization Org)> StartAsync()
    {
        var host = new WebHost();
        var org = await host.OrganizationAsync("soa", "株式会社エスオーエー");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        return (host, await host.SignedInAsync("officer@example.jp"), org);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string control, string name, byte[] content)
    {
        var token = await client.AntiforgeryTokenAsync($"/o/soa/soa/{control}");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "file", name },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync($"/o/soa/soa/{control}?handler=Upload", form);
    }

    [Fact]
    public async Task A_decision_without_a_reason_is_refused_beside_the_field_and_one_with_a_reason_is_kept()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;

        var refused = await officer.PostFormAsync("/o/soa/soa/7.5", new() { ["Input.Applicability"] = "Excluded", ["Input.Justification"] = "", ["Input.Status"] = "NotStarted" });
        var saved = await officer.PostFormAsync("/o/soa/soa/7.5", new() { ["Input.Applicability"] = "Excluded", ["Input.Justification"] = "自社で設備を持たない", ["Input.Status"] = "NotStarted" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("除外する理由を入力してください", (await refused.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Justification']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await officer.GetHtmlAsync("/o/soa/soa?decision=excluded");
        Assert.Equal(["7.5"], list.QuerySelectorAll("[data-testid='soa'] tbody tr").Select(r => r.GetAttribute("data-control")));
    }

    [Fact]
    public async Task The_level_page_recommends_Lv3_once_the_profile_says_customers_require_ISMS()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var before = await officer.GetHtmlAsync("/o/soa/levels");
        var profile = await admin.GetHtmlAsync("/o/soa/profile");
        var version = profile.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var saved = await admin.PostFormAsync("/o/soa/profile", new()
        {
            ["Input.Name"] = "株式会社エスオーエー",
            ["Input.CustomersRequireIsmsCertification"] = "true",
            ["Input.RiskBands"] = "ipa",
            ["Input.Version"] = version,
        });
        var after = await officer.GetHtmlAsync("/o/soa/levels");

        Assert.Contains("Lv.1", before.QuerySelector("[data-testid='recommended-level']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, before.QuerySelectorAll("[data-testid^='level-'] [data-testid='progress']").Length);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Lv.3", after.QuerySelector("[data-testid='recommended-level']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ISMS", after.QuerySelector("[data-testid='reasons']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("未到達（Lv.1 から始めましょう）", after.QuerySelector("[data-testid='current-level']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Evidence_is_type_checked_by_content_and_only_reachable_from_its_organization()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        var other = await host.OrganizationAsync("other", "株式会社ほか");
        await host.UserAsync("stranger@example.jp", other, MemberRole.Administrator);
        var stranger = await host.SignedInAsync("stranger@example.jp");

        await UploadAsync(officer, "8.13", "backup.pdf", "これは PDF ではない"u8.ToArray());
        await UploadAsync(officer, "8.13", "backup-log.pdf", [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[100]]);

        await using var db = host.Database.Open(org.Id);
        var stored = Assert.Single(await db.SoaEvidenceFiles.ToListAsync());
        Assert.Equal(("backup-log.pdf", "application/pdf"), (stored.FileName, stored.ContentType));
        var download = await officer.GetAsync($"/o/soa/soa/8.13?handler=Evidence&fileId={stored.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("%PDF-", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/o/other/soa/8.13?handler=Evidence&fileId={stored.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/o/soa/soa/8.13?handler=Evidence&fileId={stored.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_readiness_report_downloads_as_Word_and_as_PDF()
    {
        var (host, officer, _) = await StartAsync();
        using var _host = host;

        var word = await officer.GetAsync("/o/soa/soa?handler=Readiness");
        var pdf = await officer.GetAsync("/o/soa/soa?handler=ReadinessPdf");

        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Contains("0 / 93", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5), StringComparison.Ordinal);
    }
}

