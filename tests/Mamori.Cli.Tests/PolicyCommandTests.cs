using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Tests;

public class The_policy_check_command
{
    /// <summary>Adds a standard with <paramref name="body"/> to the organization, straight in the CLI's database.</summary>
    private static async Task AddStandardAsync(CliRunner cli, string body)
    {
        var database = new MamoriDatabase(DatabaseOptions.ForSqliteFile(cli.PathOf("mamori.db")));
        await using var listing = database.Open();
        var org = await listing.Organizations.SingleAsync();
        await using var db = database.Open(org.Id);
        var saved = await SaveDocument.HandleAsync(db, new Membership(org.Id, "u", MemberRole.SecurityOfficer), null,
            new SaveDocument.Request { Number = "1", Title = "機器の管理基準", Body = body, Summary = "新規制定" }, "佐藤", DateTimeOffset.UtcNow);
        Assert.Equal(Features.SaveStatus.Saved, saved.Status);
    }

    [Fact]
    public async Task Exits_with_0_and_says_so_when_it_finds_nothing()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        await AddStandardAsync(cli, "## 機器\n\nサーバーの設定を記録する。");

        var result = await cli.RunAsync("policy", "check", "--org", "yamada");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("矛盾は見つかりませんでした", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_with_1_and_lists_each_finding_with_its_document_section_and_text()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        await AddStandardAsync(cli, "## 機器\n\nサーバの設定を記録し、重大な脆弱性のパッチは30日以内に適用する。");

        var text = await cli.RunAsync("policy", "check", "--org", "yamada");
        var json = await cli.RunAsync("policy", "check", "--org", "yamada", "--format", "json");

        Assert.Equal((1, 1), (text.ExitCode, json.ExitCode));
        Assert.Contains("基準値と食い違う記述 (1)", text.Out, StringComparison.Ordinal);
        Assert.Contains("表記の揺れ (1)", text.Out, StringComparison.Ordinal);
        Assert.Contains("1 機器の管理基準 › 機器", text.Out, StringComparison.Ordinal);
        Assert.Contains("2 件の指摘があります。", text.Out, StringComparison.Ordinal);
        var findings = json.Json().EnumerateArray().ToList();
        Assert.Equal(["conflicting-value", "house-style"], findings.Select(f => f.GetProperty("kind").GetString()));
        Assert.All(findings, f => Assert.Equal(("1", "機器の管理基準", "機器"), (f.GetProperty("document").GetProperty("documentNumber").GetString(), f.GetProperty("document").GetProperty("documentTitle").GetString(), f.GetProperty("section").GetString())));
    }

    [Fact]
    public async Task Speaks_English_when_asked()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "Yamada Trading");

        var result = await cli.RunAsync("policy", "check", "--org", "yamada", "--lang", "en");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No inconsistencies found", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_unknown_organization()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("policy", "check", "--org", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nobody", result.Error, StringComparison.Ordinal);
    }
}
