using System.Diagnostics;
using System.Net;
using System.Text;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_inventory_pages
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string url, string csv)
    {
        var token = await client.AntiforgeryTokenAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)]), "file", "devices.csv" },
        };
        return await client.PostAsync(url, form);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Start_empty_then_add_import_export_and_feed_the_star3_proposal(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var org = await host.OrganizationAsync("inv");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);
        var officer = await host.SignedInAsync("officer@example.jp");
        var auditor = await host.SignedInAsync("auditor@example.jp");

        var overview = await officer.GetHtmlAsync("/o/inv/inventories");
        Assert.Equal(["devices", "networks", "external-services", "admin-ids"], overview.QuerySelectorAll("[data-testid='inventories'] [data-kind]").Select(a => a.GetAttribute("data-kind")));
        Assert.NotNull(overview.QuerySelector("nav a[href='/o/inv/inventories']"));
        var empty = await officer.GetHtmlAsync("/o/inv/inventories/devices");
        Assert.Contains("まだ一件もありません", empty.QuerySelector("[data-testid='empty']")!.TextContent, StringComparison.Ordinal);

        var added = await officer.PostFormAsync("/o/inv/inventories/devices/new", new() { ["Input.Name"] = "受付の PC", ["Input.Software"] = "Windows 11", ["Input.SupportEndsOn"] = "2028-10-14" });
        var missing = await officer.PostFormAsync("/o/inv/inventories/devices/new", new() { ["Input.Name"] = "" });
        var bad = await ImportAsync(officer, "/o/inv/inventories/devices/import", "機器名,OS とその版,サポート期限\n営業用ノートPC,Windows 11,来年\n");
        var good = await ImportAsync(officer, "/o/inv/inventories/devices/import", "Device,OS\n営業用ノートPC,Windows 11\nファイルサーバー,\n");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("機器名", (await missing.HtmlAsync()).QuerySelector(".text-danger.small")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var problem = (await bad.HtmlAsync()).QuerySelector("[data-testid='import-problems'] tbody tr")!;
        Assert.Equal(["2", "サポート期限"], problem.QuerySelectorAll("td").Take(2).Select(td => td.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var list = await auditor.GetHtmlAsync("/o/inv/inventories/devices");
        Assert.Equal(3, list.QuerySelectorAll("[data-testid='inventory'] tbody tr").Length);
        Assert.Single(list.QuerySelectorAll("[data-testid='inventory'] tbody tr.table-warning"));
        Assert.Null(list.QuerySelector("a[href='/o/inv/inventories/devices/new']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/o/inv/inventories/devices/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/o/inv/inventories/printers")).StatusCode);
        var csv = await auditor.GetStringAsync("/o/inv/inventories/devices?handler=Export&format=csv");
        Assert.StartsWith("機器名,種別,メーカー", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("受付の PC", csv, StringComparison.Ordinal);

        var criterion = await officer.GetHtmlAsync("/o/inv/scs/3-1-1-1");
        Assert.NotNull(criterion.QuerySelector("[data-testid='proposal']"));
        Assert.Contains("「端末・OS」の一覧に 3 件が登録されていますが、うち 1 件は「OS とその版」が空欄です", criterion.QuerySelector("[data-testid='grounds'] li[data-kind='register']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(criterion.QuerySelector("input[name='Input.Links'][value='register:devices']"));
        Assert.NotNull((await officer.GetHtmlAsync("/o/inv/scs")).QuerySelector("a[data-testid='inventories'][href='/o/inv/inventories']"));

        await using var db = host.Database.Open(org.Id);
        var device = await db.InventoryItems.SingleAsync(i => i.Name == "受付の PC");
        Assert.Equal(new DateOnly(2028, 10, 14), device.SupportEndsOn);
        var confirm = await officer.GetHtmlAsync($"/o/inv/inventories/devices/{device.Id}/delete");
        Assert.Contains("受付の PC", confirm.QuerySelector("main, body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/o/inv/inventories/devices/{device.Id}/delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/o/inv/inventories/networks/{device.Id}")).StatusCode);
        Assert.Equal(2, await db.InventoryItems.CountAsync());
    }

    [Fact]
    public async Task Show_the_demo_organization_s_inventories_and_an_expert_acknowledges_no_procedure()
    {
        using var host = new WebHost();
        await DemoOrganization.EnsureAsync(host.Database, TimeProvider.System, CancellationToken.None);
        await using var lookup = host.Database.Open(null);
        var demo = await lookup.Organizations.SingleAsync(o => o.Slug == DemoOrganization.Slug);
        await host.UserAsync("expert@example.jp", demo, MemberRole.Expert);
        await host.UserAsync("officer@example.jp", demo, MemberRole.SecurityOfficer);
        var expert = await host.SignedInAsync("expert@example.jp");
        var officer = await host.SignedInAsync("officer@example.jp");

        var overview = await expert.GetHtmlAsync("/o/demo/inventories");
        Assert.All(overview.QuerySelectorAll("[data-testid='inventories'] [data-kind] .badge"), b => Assert.DoesNotContain("0 件", b.TextContent, StringComparison.Ordinal));
        Assert.Contains("ファイルサーバー（NAS）", (await expert.GetStringAsync("/o/demo/inventories/devices")), StringComparison.Ordinal);

        await using var db = host.Database.Open(demo.Id);
        var published = (await Mamori.Features.Policies.Acknowledgements.ForMemberAsync(db, new Membership(demo.Id, "anyone", MemberRole.Employee)))[0].Published;
        var before = await db.Acknowledgements.CountAsync();
        var procedures = await expert.GetHtmlAsync("/o/demo/procedures");
        var refused = await expert.PostFormAsync($"/o/demo/procedures?versionId={published.Id}", []);
        var accepted = await officer.PostFormAsync($"/o/demo/procedures?versionId={published.Id}", [], "/o/demo/procedures");

        Assert.NotEmpty(procedures.QuerySelectorAll("[data-testid='procedure']"));
        Assert.Empty(procedures.QuerySelectorAll("[data-testid='procedure'] form"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(before + 1, await db.Acknowledgements.CountAsync());
    }

    [Fact]
    public async Task Export_the_pledge_as_a_pdf_with_the_representative_s_name()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("pledge", "株式会社誓約");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");
        await officer.PostFormAsync("/o/pledge/scs?handler=Start", [], "/o/pledge/scs");
        var saved = await officer.PostFormAsync("/o/pledge/scs?handler=Representative", new() { ["Representative.Title"] = "代表取締役", ["Representative.Name"] = "山田 太郎" }, "/o/pledge/scs");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var response = await officer.GetAsync("/o/pledge/scs?handler=PledgePdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"pledge-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(path, pdf);
            using var pdftotext = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 })!;
            var text = await pdftotext.StandardOutput.ReadToEndAsync();
            await pdftotext.WaitForExitAsync();
            Assert.Equal(0, pdftotext.ExitCode);
            Assert.Contains("山田 太郎", text, StringComparison.Ordinal);
            Assert.Contains("株式会社誓約", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
