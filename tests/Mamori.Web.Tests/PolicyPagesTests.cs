using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_policy_pages
{
    private static async Task<(WebHost Host, HttpClient Officer, Organization Org)> StartAsync()
    {
        var host = new WebHost();
        var org = await host.OrganizationAsync("policy", "株式会社ポリシー");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        return (host, await host.SignedInAsync("officer@example.jp"), org);
    }

    private static async Task<Guid> OnlyDocumentAsync(WebHost host, Organization org, DocumentKind kind)
    {
        await using var db = host.Database.Open(org.Id);
        return (await db.PolicyDocuments.SingleAsync(d => d.Kind == kind)).Id;
    }

    private static async Task<Guid> LatestVersionAsync(WebHost host, Organization org, Guid documentId)
    {
        await using var db = host.Database.Open(org.Id);
        return (await db.DocumentVersions.Where(v => v.DocumentId == documentId).OrderByDescending(v => v.Number).FirstAsync()).Id;
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, Guid documentId, string step, Guid versionId) =>
        client.PostFormAsync($"/o/policy/policy/{documentId}?handler=Step&step={step}&versionId={versionId}", new(), formPage: $"/o/policy/policy/{documentId}");

    [Fact]
    public async Task Starting_from_the_template_gives_a_basic_policy_draft_with_the_company_name_filled_in()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;

        Assert.Contains("ひな形", (await officer.GetHtmlAsync("/o/policy/policy")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync("/o/policy/policy?handler=Start", new(), formPage: "/o/policy/policy")).StatusCode);

        var list = await officer.GetHtmlAsync("/o/policy/policy");
        Assert.Contains("情報セキュリティ基本方針", list.QuerySelector("[data-testid='documents-BasicPolicy']")!.TextContent, StringComparison.Ordinal);
        var id = await OnlyDocumentAsync(host, org, DocumentKind.BasicPolicy);
        var edit = await officer.GetHtmlAsync($"/o/policy/policy/{id}");
        Assert.Contains("株式会社ポリシー（以下「当社」）", edit.QuerySelector("[data-testid='preview']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("下書き", edit.QuerySelector("[data-testid='latest-status']")!.TextContent);
    }

    [Fact]
    public async Task The_five_rules_and_chosen_forms_are_added_as_drafts_filled_with_the_company_and_offered_only_once()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);

        var page = await officer.GetHtmlAsync("/o/policy/policy");
        var offered = page.QuerySelector("[data-testid='forms']")!;
        Assert.Equal(
            ["pledge-joining", "pledge-leaving", "contractor-confidentiality", "take-out-register", "training-record", "incident-report", "contacts"],
            offered.QuerySelectorAll("input[name='forms'][type='checkbox']").Select(i => i.GetAttribute("value")));
        Assert.Null((await (await host.SignedInAsync("auditor@example.jp")).GetHtmlAsync("/o/policy/policy")).QuerySelector("[data-testid='forms']"));

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync("/o/policy/policy?handler=AddForms", new() { ["forms"] = "five-rules" }, formPage: "/o/policy/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFieldsAsync("/o/policy/policy?handler=AddForms", [new("forms", "incident-report"), new("forms", "contacts")], formPage: "/o/policy/policy")).StatusCode);

        var list = await officer.GetHtmlAsync("/o/policy/policy");
        Assert.Contains("情報セキュリティ5か条", list.QuerySelector("[data-testid='documents-Procedure']")!.TextContent, StringComparison.Ordinal);
        var forms = list.QuerySelector("[data-testid='documents-Form']")!;
        Assert.Contains("インシデント報告書", forms.TextContent, StringComparison.Ordinal);
        Assert.Contains("連絡先シート", forms.TextContent, StringComparison.Ordinal);
        Assert.Contains("様式", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector("[data-testid='five-rules-added']"));
        Assert.NotNull(list.QuerySelector("input[value='contacts'][disabled]"));
        Assert.Null(list.QuerySelector("input[value='take-out-register'][disabled]"));

        await using var db = host.Database.Open(org.Id);
        var contacts = await db.PolicyDocuments.SingleAsync(d => d.SourceKey == "form:contacts");
        var edit = await officer.GetHtmlAsync($"/o/policy/policy/{contacts.Id}");
        var preview = edit.QuerySelector("[data-testid='preview']")!;
        Assert.Contains("IPA 情報セキュリティ安心相談窓口", preview.TextContent, StringComparison.Ordinal);
        Assert.Contains("情報セキュリティ責任者", preview.TextContent, StringComparison.Ordinal);
        Assert.NotNull(preview.QuerySelector("a[href='https://www.ppc.go.jp/personalinfo/legal/leakAction/']"));
        Assert.Equal(3, await db.PolicyDocuments.CountAsync());
    }

    [Fact]
    public async Task The_preview_warns_of_unknown_placeholders_and_never_shows_raw_HTML()
    {
        var (host, officer, _) = await StartAsync();
        using var _h = host;

        var response = await officer.PostFormAsync("/o/policy/policy/new?handler=Preview", new()
        {
            ["Input.Kind"] = "Standard",
            ["Input.Title"] = "対策基準",
            ["Input.Body"] = "{{ organization.nam }}\n\n<script>alert(1)</script>\n\n**重要**",
        }, formPage: "/o/policy/policy/new?kind=Standard");

        var page = await response.HtmlAsync();
        Assert.Contains("organization", page.QuerySelector("[data-testid='preview-warning']")!.TextContent, StringComparison.Ordinal);
        var preview = page.QuerySelector("[data-testid='preview']")!;
        Assert.Null(preview.QuerySelector("script"));
        Assert.Equal("重要", preview.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public async Task A_standard_goes_through_review_approval_and_publication_and_only_the_right_roles_approve()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await host.UserAsync("manager@example.jp", org, MemberRole.DepartmentManager, department: "営業部");
        var created = await officer.PostFormAsync("/o/policy/policy/new", new()
        {
            ["Input.Kind"] = "Standard",
            ["Input.Number"] = "3",
            ["Input.Title"] = "ランサムウェア対策基準",
            ["Input.ControlIds"] = "8.13",
            ["Input.Body"] = "## 1. 対象とする脅威\n\nランサムウェアによる暗号化と情報の持ち出し",
            ["Input.Summary"] = "新規制定",
            ["Input.ReviewIntervalMonths"] = "12",
        }, formPage: "/o/policy/policy/new?kind=Standard");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await OnlyDocumentAsync(host, org, DocumentKind.Standard);
        var version = await LatestVersionAsync(host, org, id);

        await StepAsync(officer, id, "Submit", version);
        var manager = await host.SignedInAsync("manager@example.jp");
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(manager, id, "Approve", version)).StatusCode);
        await StepAsync(officer, id, "Approve", version);
        await StepAsync(officer, id, "Publish", version);

        var page = await officer.GetHtmlAsync($"/o/policy/policy/{id}");
        Assert.Equal("公開", page.QuerySelector("[data-testid='latest-status']")!.TextContent);
        Assert.Contains("officer@example.jp", page.QuerySelector("[data-testid='history']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_an_asset_marks_the_standard_resting_on_it_for_revision()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        Guid assetId;
        await using (var db = host.Database.Open(org.Id))
        {
            var asset = new InformationAsset(org.Id, "ノートPC内の情報（データ）", Rating.High, Rating.High, Rating.Medium);
            db.Assets.Add(asset);
            db.RiskScenarios.Add(SeedExamples.LaptopScenario(org.Id, asset.Id));
            await db.SaveChangesAsync();
            assetId = asset.Id;
        }

        await officer.PostFormAsync("/o/policy/policy/new", new() { ["Input.Kind"] = "Standard", ["Input.Title"] = "認証の基準", ["Input.ControlIds"] = "8.5", ["Input.Body"] = "パスワードは12文字以上", ["Input.ReviewIntervalMonths"] = "12" }, formPage: "/o/policy/policy/new?kind=Standard");
        var id = await OnlyDocumentAsync(host, org, DocumentKind.Standard);
        var version = await LatestVersionAsync(host, org, id);
        await StepAsync(officer, id, "Submit", version);
        await StepAsync(officer, id, "Approve", version);
        Assert.Null((await officer.GetHtmlAsync("/o/policy/policy")).QuerySelector(".badge.text-bg-warning[title]"));

        await officer.PostFormAsync($"/o/policy/assets/{assetId}", new() { ["Input.Name"] = "ノートPC内の情報（データ）", ["Input.Confidentiality"] = "2", ["Input.Integrity"] = "3", ["Input.Availability"] = "2" });

        Assert.Contains("改訂を推奨", (await officer.GetHtmlAsync("/o/policy/policy")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("認証の基準", (await officer.GetHtmlAsync("/o/policy")).QuerySelector("[data-testid='documents-to-review']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employees_read_and_acknowledge_their_procedures_and_managers_see_who_has_not()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await host.UserAsync("staff@example.jp", org, MemberRole.Employee);
        await officer.PostFormAsync("/o/policy/policy/new", new() { ["Input.Kind"] = "Procedure", ["Input.Title"] = "メール添付ファイルの取り扱い", ["Input.Audiences"] = Audiences.AllEmployees, ["Input.Body"] = "不審な添付ファイルは開かずに報告する", ["Input.ReviewIntervalMonths"] = "12" }, formPage: "/o/policy/policy/new?kind=Procedure");
        var id = await OnlyDocumentAsync(host, org, DocumentKind.Procedure);
        var version = await LatestVersionAsync(host, org, id);
        foreach (var step in new[] { "Submit", "Approve", "Publish" })
        {
            await StepAsync(officer, id, step, version);
        }

        var staff = await host.SignedInAsync("staff@example.jp");
        var mine = await staff.GetHtmlAsync("/o/policy/procedures");
        Assert.Contains("不審な添付ファイルは開かずに報告する", mine.QuerySelector("[data-testid='procedure']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/o/policy/policy")).StatusCode);
        await staff.PostFormAsync($"/o/policy/procedures?versionId={version}", new(), formPage: "/o/policy/procedures");
        Assert.NotNull((await staff.GetHtmlAsync("/o/policy/procedures")).QuerySelector("[data-testid='acknowledged']"));

        var readers = await officer.GetHtmlAsync($"/o/policy/policy/{id}/readers");
        Assert.Contains("1 / 2", readers.QuerySelector("[data-testid='ack-count']")!.TextContent, StringComparison.Ordinal);

        // The same status on the employee handbook's page, reached from the policy set's export buttons.
        Assert.NotNull((await officer.GetHtmlAsync("/o/policy/policy")).QuerySelector("a[data-testid='handbook'][href='/o/policy/policy/handbook']"));
        var handbook = await officer.GetHtmlAsync("/o/policy/policy/handbook");
        Assert.Contains("メール添付ファイルの取り扱い", handbook.QuerySelector("[data-testid='handbook-parts']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 / 2", handbook.QuerySelector("[data-testid='handbook-ack']")!.TextContent, StringComparison.Ordinal);
        var booklet = await officer.GetByteArrayAsync("/o/policy/policy/handbook?format=docx");
        using var document = WordprocessingDocument.Open(new MemoryStream(booklet), false);
        Assert.Contains("従業員ハンドブック", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        Assert.Contains("不審な添付ファイルは開かずに報告する", document.MainDocumentPart.Document.Body.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Word_export_holds_the_edited_text_and_the_Annex_A_references()
    {
        var (host, officer, org) = await StartAsync();
        using var _ = host;
        await officer.PostFormAsync("/o/policy/policy/new", new() { ["Input.Kind"] = "Standard", ["Input.Title"] = "バックアップの基準", ["Input.ControlIds"] = "8.13", ["Input.Body"] = "週に一度、社外にバックアップを保管する", ["Input.ReviewIntervalMonths"] = "12" }, formPage: "/o/policy/policy/new?kind=Standard");

        var refused = await officer.GetAsync("/o/policy/policy/export?format=docx");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var bytes = await officer.GetByteArrayAsync("/o/policy/policy/export?format=docx&drafts=true");
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("週に一度、社外にバックアップを保管する", text, StringComparison.Ordinal);
        Assert.Contains("8.13 情報のバックアップ", text, StringComparison.Ordinal);
    }
}

public class The_live_preview
{
    [Fact]
    public async Task Returns_only_the_sanitized_HTML_with_placeholders_filled()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("policy", "株式会社プレビュー");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");

        var response = await officer.PostFormAsync("/o/policy/policy/new?handler=PreviewFragment", new()
        {
            ["Input.Kind"] = "Standard",
            ["Input.Title"] = "基準",
            ["Input.Body"] = "{{ organization.name }} の基準\n\n<img src=x onerror=alert(1)>",
        }, formPage: "/o/policy/policy/new?kind=Standard");

        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<p>株式会社プレビュー の基準</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
    }
}
