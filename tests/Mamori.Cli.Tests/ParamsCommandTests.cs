namespace Mamori.Cli.Tests;

public class The_params_command
{
    private static string Line(CliRunner.Result result, string key) =>
        result.Out.Split('\n').Single(l => l.StartsWith(key + " ", StringComparison.Ordinal));

    [Fact]
    public async Task Lists_every_value_with_its_unit_and_label_and_marks_the_facts()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");

        var result = await cli.RunAsync("params", "list", "--org", "yamada");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^patch_critical_days\s+14\s+日以内\s+重大・高の脆弱性を修正する更新の適用期限\s+既定値$", Line(result, "patch_critical_days").TrimEnd());
        Assert.Contains("法令等（変更不可）", Line(result, "ppc_final_days_malicious"), StringComparison.Ordinal);
        Assert.Contains("every-business-day", Line(result, "backup_frequency"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sets_several_values_at_once()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");

        var set = await cli.RunAsync("params", "set", "--org", "yamada", "patch_critical_days=7", "backup_frequency=daily", "label_secret=機密");
        var list = await cli.RunAsync("params", "list", "--org", "yamada", "--format", "json");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("3 件を変更", set.Out, StringComparison.Ordinal);
        var values = list.Json().EnumerateArray().ToDictionary(v => v.GetProperty("key").GetString()!, v => v.GetProperty("shown").GetString());
        Assert.Equal(("7", "毎日", "機密"), (values["patch_critical_days"], values["backup_frequency"], values["label_secret"]));
    }

    [Theory]
    [InlineData("lockout_failures=11", "lockout_failures")]
    [InlineData("ppc_final_days=10", "ppc_final_days")]
    [InlineData("no_such_value=1", "no_such_value")]
    [InlineData("patch_critical_days", "patch_critical_days")]
    public async Task Refuses_a_wrong_value_naming_its_key_and_saves_nothing(string wrong, string key)
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");

        var result = await cli.RunAsync("params", "set", "--org", "yamada", "patch_other_days=20", wrong);
        var list = await cli.RunAsync("params", "list", "--org", "yamada");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.Matches(@"^patch_other_days\s+30\s", Line(list, "patch_other_days"));
    }

    [Fact]
    public async Task Speaks_English_when_asked()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "Yamada Trading");

        var result = await cli.RunAsync("params", "set", "--org", "yamada", "screen_lock_minutes=30", "--lang", "en");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("screen_lock_minutes (", result.Error, StringComparison.Ordinal);
        Assert.Contains("from 1 to 15", result.Error, StringComparison.Ordinal);
    }
}

public class The_quick_and_baseline_commands
{
    [Fact]
    public async Task Print_the_roles_and_rule_values_filled_in_and_no_placeholder()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        await cli.RunAsync("params", "set", "--org", "yamada", "patch_critical_days=7");

        var quick = await cli.RunAsync("quick", "--org", "yamada", "--threats", "ransomware,system-vulnerability");
        var baseline = await cli.RunAsync("baseline", "--org", "yamada");

        Assert.Equal((0, 0), (quick.ExitCode, baseline.ExitCode));
        Assert.Contains("**担当**: システム管理者", quick.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", quick.Out, StringComparison.Ordinal);
        Assert.Contains("情報セキュリティ責任者", baseline.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", baseline.Out, StringComparison.Ordinal);
    }
}
