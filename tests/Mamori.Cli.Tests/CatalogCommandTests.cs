namespace Mamori.Cli.Tests;

public class The_catalog_command
{
    [Fact]
    public async Task Prints_all_93_controls_as_JSON_with_titles_theme_and_attributes()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "controls", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var controls = result.Json().EnumerateArray().ToList();
        Assert.Equal(93, controls.Count);
        var first = controls[0];
        Assert.Equal("5.1", first.GetProperty("id").GetString());
        Assert.Equal("情報セキュリティのための方針群", first.GetProperty("titleJa").GetString());
        Assert.Equal("Policies for information security", first.GetProperty("titleEn").GetString());
        Assert.Equal("organizational", first.GetProperty("theme").GetString());
        Assert.Equal("preventive", first.GetProperty("controlTypes")[0].GetString());
        Assert.Equal(3, first.GetProperty("securityProperties").GetArrayLength());
        Assert.Equal(34, controls.Count(c => c.GetProperty("theme").GetString() == "technological"));
    }

    [Fact]
    public async Task Prints_controls_as_a_Japanese_table_by_default()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "controls");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("8.24  技術的管理策  暗号の使用", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prints_threats_with_their_origins()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "threats", "--format", "json");

        var fire = result.Json().EnumerateArray().Single(t => t.GetProperty("id").GetString() == "fire");
        Assert.Equal(["A", "D", "E"], fire.GetProperty("origins").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Prints_vulnerabilities_by_asset_type()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "vulnerabilities", "--format", "json");

        var types = result.Json().EnumerateArray().Select(v => v.GetProperty("assetType").GetString()).Distinct().Order();
        Assert.Equal(["hardware", "network", "organization", "personnel", "site", "software"], types);
    }

    [Theory]
    [InlineData("2024", "ランサムウェアによる被害")]
    [InlineData("2026", "ランサム攻撃による被害")]
    public async Task Prints_the_top_10_of_a_year(string year, string first)
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "top10", "--year", year, "--format", "json");

        var entries = result.Json().EnumerateArray().ToList();
        Assert.Equal(10, entries.Count);
        Assert.Equal(first, entries[0].GetProperty("titleJa").GetString());
    }

    [Fact]
    public async Task Without_a_year_prints_the_latest_list()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "top10");

        Assert.Contains("2026", result.Out, StringComparison.Ordinal);
        Assert.Contains("AIの利用をめぐるサイバーリスク（初選出）", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_year_it_does_not_have()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "top10", "--year", "1999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2024, 2025, 2026", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prints_the_81_SCS_criteria_as_JSON_with_both_languages_and_their_mappings()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "scs", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var criteria = result.Json().EnumerateArray().ToList();
        Assert.Equal(81, criteria.Count);
        var first = criteria[0];
        Assert.Equal(("1-2-1-1", "1-2-1", "1", 3), (first.GetProperty("id").GetString(), first.GetProperty("requirement").GetString(), first.GetProperty("category").GetString(), first.GetProperty("level").GetInt32()));
        Assert.NotEmpty(first.GetProperty("text").GetProperty("ja").GetString()!);
        Assert.NotEmpty(first.GetProperty("text").GetProperty("en").GetString()!);
        Assert.Equal("admin-ids", criteria.Single(c => c.GetProperty("id").GetString() == "4-1-2-5").GetProperty("register").GetString());
    }

    [Fact]
    public async Task Prints_the_SCS_criteria_as_a_table_in_the_chosen_language()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("catalog", "scs", "--lang", "en");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Recurring check", result.Out, StringComparison.Ordinal);
        Assert.Contains("7-1-1-1", result.Out, StringComparison.Ordinal);
        Assert.Contains("Recovering from incidents", result.Out, StringComparison.Ordinal);
    }
}
