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
}
