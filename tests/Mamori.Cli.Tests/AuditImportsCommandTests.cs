using System.Security.Cryptography;

namespace Mamori.Cli.Tests;

public class The_audit_imports_and_file_commands
{
    [Fact]
    public async Task List_an_organizations_imports_and_write_a_kept_file_back_byte_for_byte()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        var register = cli.WriteFile("seed.csv", SeedCsv.Text);
        Assert.Equal(0, (await cli.RunAsync("assets", "import", register, "--org", "yamada")).ExitCode);

        var listed = await cli.RunAsync("audit", "imports", "--org", "yamada", "--format", "json");

        Assert.Equal(0, listed.ExitCode);
        var import = Assert.Single(listed.Json().EnumerateArray());
        Assert.Equal("seed.csv", import.GetProperty("fileName").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(register))), import.GetProperty("sha256").GetString());
        Assert.True(import.GetProperty("assetCount").GetInt32() > 0);
        var id = import.GetProperty("id").GetString()!;

        var table = await cli.RunAsync("audit", "imports", "--org", "yamada");
        Assert.Contains("取り込み日時", table.Out, StringComparison.Ordinal);
        Assert.Contains("seed.csv", table.Out, StringComparison.Ordinal);
        Assert.Contains(id, table.Out, StringComparison.Ordinal);

        var written = await cli.RunAsync("audit", "file", id, "--org", "yamada", "--out", cli.PathOf("kept.csv"));

        Assert.Equal(0, written.ExitCode);
        Assert.Contains("seed.csv", written.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(register), File.ReadAllBytes(cli.PathOf("kept.csv")));
    }

    [Fact]
    public async Task Refuse_another_organizations_import_an_id_that_is_not_one_and_an_existing_file()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        await cli.RunAsync("orgs", "create", "other", "--name", "他社");
        Assert.Equal(0, (await cli.RunAsync("assets", "import", cli.WriteFile("other.csv", SeedCsv.Text), "--org", "other")).ExitCode);
        var othersId = (await cli.RunAsync("audit", "imports", "--org", "other", "--format", "json")).Json()[0].GetProperty("id").GetString()!;

        var empty = await cli.RunAsync("audit", "imports", "--org", "yamada");
        var foreign = await cli.RunAsync("audit", "file", othersId, "--org", "yamada", "--out", cli.PathOf("foreign.csv"));
        var notAnId = await cli.RunAsync("audit", "file", "12345", "--org", "other", "--out", cli.PathOf("bad.csv"));
        var existing = cli.WriteFile("existing.csv", "残す内容");
        var overwrite = await cli.RunAsync("audit", "file", othersId, "--org", "other", "--out", existing);

        Assert.Equal((0, "この組織にはまだ台帳の取り込みがありません。"), (empty.ExitCode, empty.Out.Trim()));
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains($"ID {othersId} の取り込みは組織「株式会社山田商事」にありません", foreign.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("foreign.csv")));
        Assert.Equal(1, notAnId.ExitCode);
        Assert.Contains("「12345」は取り込みの ID の形式ではありません", notAnId.Error, StringComparison.Ordinal);
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Contains("既にあります", overwrite.Error, StringComparison.Ordinal);
        Assert.Equal("残す内容", File.ReadAllText(existing));
    }

    [Fact]
    public async Task Speak_English_when_asked()
    {
        using var cli = new CliRunner("en_US.UTF-8");
        await cli.RunAsync("orgs", "create", "yamada", "--name", "Yamada");

        var empty = await cli.RunAsync("audit", "imports", "--org", "yamada");

        Assert.Equal("This organization has no register imports yet.", empty.Out.Trim());
    }
}
