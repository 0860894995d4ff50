using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_audit_log_page
{
    [Fact]
    public async Task Checks_the_hash_chain_on_request_and_names_the_entry_changed_in_the_database()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("chain");
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);
        await using (var db = host.Database.Open(org.Id))
        {
            db.Assets.Add(new Domain.Assets.InformationAsset(org.Id, "顧客リスト", Domain.Risk.Rating.From(3), Domain.Risk.Rating.From(2), Domain.Risk.Rating.From(1)));
            await db.SaveChangesAsync();
        }

        var auditor = await host.SignedInAsync("auditor@example.jp");
        Assert.Null((await auditor.GetHtmlAsync("/o/chain/audit")).QuerySelector("[data-testid='audit-verification']"));

        var intact = (await auditor.GetHtmlAsync("/o/chain/audit?verify=true")).QuerySelector("[data-testid='audit-verification']")!;
        Assert.Contains("alert-success", intact.ClassName, StringComparison.Ordinal);
        Assert.Contains("監査ログは完全です", intact.TextContent, StringComparison.Ordinal);

        long last;
        await using (var db = host.Database.Open(org.Id))
        {
            last = await db.AuditEntries.MaxAsync(e => e.Sequence);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Actor" = 'someone-else' WHERE "Sequence" = {0} AND "OrganizationId" = {1}""", last, org.Id);
        }

        var broken = (await auditor.GetHtmlAsync("/o/chain/audit?verify=true")).QuerySelector("[data-testid='audit-verification']")!;
        Assert.Contains("alert-danger", broken.ClassName, StringComparison.Ordinal);
        Assert.Contains($"監査ログの記録が変更されています: 通番 {last}", broken.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_an_import_as_one_entry_with_its_file_and_notices_the_file_changed_in_the_database()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("imports");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        await host.UserAsync("auditor@example.jp", org, MemberRole.Auditor);
        var officer = await host.SignedInAsync("officer@example.jp");
        byte[] file = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(
            "業務分類,情報資産名称,機密性,完全性,可用性\n人事,社員名簿,3,3,2\n経理,当社宛請求書,3,3,2\n")];
        var token = await officer.AntiforgeryTokenAsync("/o/imports/assets/import");
        using (var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "4月の台帳.csv" },
        })
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await officer.PostAsync("/o/imports/assets/import", form)).StatusCode);
        }

        var auditor = await host.SignedInAsync("auditor@example.jp");
        var page = await auditor.GetHtmlAsync("/o/imports/audit");
        var rows = page.QuerySelectorAll("[data-testid='audit-table'] tbody tr");
        Assert.Single(rows, r => r.TextContent.Contains("台帳の取り込み", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.TextContent.Contains("情報資産", StringComparison.Ordinal));
        Assert.Contains("台帳の取り込み", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("\"AssetCount\":2", rows[0].TextContent, StringComparison.Ordinal);
        var link = rows[0].QuerySelector("[data-testid='audit-imported-file']")!.GetAttribute("href")!;
        var download = await auditor.GetAsync(link);
        Assert.Equal(file, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("4月の台帳.csv", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await officer.GetAsync(link)).StatusCode);

        long sequence;
        await using (var db = host.Database.Open(org.Id))
        {
            sequence = await db.AuditEntries.MaxAsync(e => e.Sequence);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "RegisterImports" SET "Content" = {0} WHERE "OrganizationId" = {1}""", System.Text.Encoding.UTF8.GetBytes("業務分類,情報資産名称\n"), org.Id);
        }

        var broken = (await auditor.GetHtmlAsync("/o/imports/audit?verify=true")).QuerySelector("[data-testid='audit-verification']")!;
        Assert.Contains("alert-danger", broken.ClassName, StringComparison.Ordinal);
        Assert.Contains($"取り込みで保管したファイルが変更または削除されています: 取り込みの記録 通番 {sequence}", broken.TextContent, StringComparison.Ordinal);
    }
}
