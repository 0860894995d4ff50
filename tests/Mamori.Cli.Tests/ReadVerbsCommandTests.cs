using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Tests;

/// <summary>The API's reads as verbs: policy list/show, diagnosis results/gaps, members list, audit log.</summary>
public class The_read_verbs
{
    private static async Task<(MamoriDatabase Database, Organization Org)> OpenAsync(CliRunner cli)
    {
        var database = new MamoriDatabase(DatabaseOptions.ForSqliteFile(cli.PathOf("mamori.db")));
        await using var listing = database.Open();
        return (database, await listing.Organizations.SingleAsync());
    }

    [Fact]
    public async Task Policy_list_show_and_roles_give_the_documents_their_versions_the_published_text_and_the_roles_table()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        var (database, org) = await OpenAsync(cli);
        var officer = new Membership(org.Id, "u", MemberRole.SecurityOfficer);
        await using (var db = database.Open(org.Id))
        {
            var saved = await SaveDocument.HandleAsync(db, officer, null, new SaveDocument.Request { Number = "7", Title = "機器の管理基準", Body = "第1版の本文" }, "佐藤", DateTimeOffset.UtcNow);
            var first = saved.Draft!.Id;
            foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
            {
                Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, officer, org, first, step, "佐藤", DateTimeOffset.UtcNow));
            }

            await SaveDocument.HandleAsync(db, officer, saved.Document!.Id, new SaveDocument.Request { Number = "7", Title = "機器の管理基準", Body = "第2版の下書き", Version = saved.Document.Version }, "佐藤", DateTimeOffset.UtcNow);
            Assert.Equal(Features.SaveStatus.Saved, (await SaveRoles.HandleAsync(db, officer, [new SaveRoles.Row { Title = "情報セキュリティ責任者", Holders = "山田" }])).Status);
        }

        var list = await cli.RunAsync("policy", "list", "--org", "yamada", "--format", "json");
        var table = await cli.RunAsync("policy", "list", "--org", "yamada");
        var text = await cli.RunAsync("policy", "show", "7", "--org", "yamada");
        var draft = await cli.RunAsync("policy", "show", "7", "--org", "yamada", "--version", "2");
        var json = await cli.RunAsync("policy", "show", "7", "--org", "yamada", "--format", "json");
        var unknown = await cli.RunAsync("policy", "show", "99", "--org", "yamada");
        var roles = await cli.RunAsync("policy", "roles", "--org", "yamada", "--format", "json");

        var document = Assert.Single(list.Json().EnumerateArray());
        Assert.Equal(("機器の管理基準", 2, 1), (document.GetProperty("title").GetString(), document.GetProperty("latestVersion").GetInt32(), document.GetProperty("publishedVersion").GetInt32()));
        Assert.Contains("機器の管理基準", table.Out, StringComparison.Ordinal);
        Assert.Equal("第1版の本文", text.Out);
        Assert.Equal("第2版の下書き", draft.Out);
        Assert.Equal(["Published", "Draft"], json.Json().GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("「99」", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(("情報セキュリティ責任者", "山田"), (roles.Json().GetProperty("rows")[0].GetProperty("title").GetString(), roles.Json().GetProperty("rows")[0].GetProperty("holders").GetString()));
    }

    [Fact]
    public async Task Diagnosis_results_and_gaps_give_the_combined_score_and_the_items_below_done()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        var empty = await cli.RunAsync("diagnosis", "results", "--org", "yamada");
        var (database, org) = await OpenAsync(cli);
        await using (var db = database.Open(org.Id))
        {
            var answers = Enumerable.Range(1, DiagnosisScore.ItemCount).ToDictionary(n => n, n => n == 5 ? DiagnosisAnswer.Partly : DiagnosisAnswer.Done);
            var (response, _) = await SelfDiagnosisResults.RecordAsync(db, new Membership(org.Id, "u", MemberRole.Employee), new("営業部", "佐藤", answers), DateTimeOffset.UtcNow);
            Assert.NotNull(response);
        }

        var results = await cli.RunAsync("diagnosis", "results", "--org", "yamada", "--format", "json");
        var table = await cli.RunAsync("diagnosis", "results", "--org", "yamada");
        var gaps = await cli.RunAsync("diagnosis", "gaps", "--org", "yamada", "--format", "json");

        Assert.Contains("まだ自社診断の回答がありません", empty.Out, StringComparison.Ordinal);
        Assert.Equal(98, results.Json().GetProperty("combinedScore").GetInt32());
        Assert.Equal("営業部", results.Json().GetProperty("latest")[0].GetProperty("department").GetString());
        Assert.Contains("全体の点数: 98 / 100", table.Out, StringComparison.Ordinal);
        var gap = Assert.Single(gaps.Json().EnumerateArray());
        Assert.Equal((5, "Partly"), (gap.GetProperty("number").GetInt32(), gap.GetProperty("answer").GetString()));
    }

    [Fact]
    public async Task Members_list_gives_the_members_by_role_and_audit_log_pages_the_log_newest_first()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        Assert.Equal(0, (await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "yamada")).ExitCode);
        var (database, org) = await OpenAsync(cli);
        await using (var listing = database.Open())
        {
            listing.Users.AddRange(
                new MamoriUser { Id = "u1", UserName = "sato@example.jp", Email = "sato@example.jp", DisplayName = "佐藤" },
                new MamoriUser { Id = "u2", UserName = "abe@example.jp", Email = "abe@example.jp", DisplayName = "阿部" });
            await listing.SaveChangesAsync();
        }

        await using (var db = database.Open(org.Id))
        {
            db.Memberships.AddRange(new Membership(org.Id, "u1", MemberRole.Employee), new Membership(org.Id, "u2", MemberRole.Administrator));
            await db.SaveChangesAsync();
        }

        var members = await cli.RunAsync("members", "list", "--org", "yamada", "--format", "json");
        var first = await cli.RunAsync("audit", "log", "--org", "yamada", "--page-size", "1", "--format", "json");
        var second = await cli.RunAsync("audit", "log", "--org", "yamada", "--page-size", "1", "--page", "2", "--format", "json");
        var wrong = await cli.RunAsync("audit", "log", "--org", "yamada", "--page", "0");

        Assert.Equal(["abe@example.jp", "sato@example.jp"], members.Json().EnumerateArray().Select(m => m.GetProperty("email").GetString()));
        Assert.Equal("Administrator", members.Json()[0].GetProperty("role").GetString());
        Assert.True(first.Json().GetProperty("total").GetInt64() >= 2);
        var (newer, older) = (first.Json().GetProperty("items")[0].GetProperty("sequence").GetInt64(), second.Json().GetProperty("items")[0].GetProperty("sequence").GetInt64());
        Assert.Equal(newer - 1, older);
        Assert.Equal(2, wrong.ExitCode);
    }
}
