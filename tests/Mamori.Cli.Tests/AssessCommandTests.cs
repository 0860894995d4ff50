namespace Mamori.Cli.Tests;

public class The_assess_command
{
    [Fact]
    public async Task Gives_the_seed_register_risk_nine_six_six_as_JSON()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("assess", cli.WriteFile("seed.csv", SeedCsv.Text), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var assets = result.Json().GetProperty("assets").EnumerateArray().ToList();
        Assert.Equal(["社員名簿", "当社宛請求書", "顧客リスト"], assets.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal([3, 3, 3], assets.Select(a => a.GetProperty("importance").GetInt32()));
        Assert.Equal([3, 2, 2], assets.Select(a => a.GetProperty("likelihood").GetInt32()));
        Assert.Equal([9, 6, 6], assets.Select(a => a.GetProperty("riskValue").GetInt32()));
        Assert.Equal(["high", "high", "high"], assets.Select(a => a.GetProperty("band").GetString()));
        var first = assets[0];
        Assert.Equal(
            (3, 3, 2),
            (first.GetProperty("confidentiality").GetInt32(), first.GetProperty("integrity").GetInt32(), first.GetProperty("availability").GetInt32()));
    }

    [Fact]
    public async Task Prints_a_table_with_the_band_in_Japanese()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("assess", cli.WriteFile("seed.csv", SeedCsv.Text));

        var line = result.Out.Split('\n').Single(l => l.Contains("社員名簿", StringComparison.Ordinal));
        Assert.Matches(@"社員名簿\s+3\s+3\s+2\s+3\s+3\s+9\s+大", line);
    }

    [Fact]
    public async Task Bands_by_the_ISO_27005_preset_when_asked()
    {
        using var cli = new CliRunner();
        var path = cli.WriteFile("r.csv", "情報資産名称,機密性,完全性,可用性,被害発生可能性\nカタログ,1,1,1,3\n");
        var result = await cli.RunAsync("assess", path, "--bands", "iso27005", "--format", "json");

        var asset = result.Json().GetProperty("assets")[0];
        Assert.Equal(3, asset.GetProperty("riskValue").GetInt32());
        Assert.Equal("medium", asset.GetProperty("band").GetString());
        Assert.Equal("中", asset.GetProperty("bandLabel").GetString());
    }

    [Fact]
    public async Task Refuses_a_rating_of_four_naming_row_and_column_and_prints_no_result()
    {
        using var cli = new CliRunner();
        var path = cli.WriteFile("bad.csv", SeedCsv.Text.Replace("営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,3", "営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,4", StringComparison.Ordinal));
        var result = await cli.RunAsync("assess", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("4 行目「機密性」", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_in_English_with_lang_en()
    {
        using var cli = new CliRunner();
        var path = cli.WriteFile("bad.csv", "情報資産名称,機密性,完全性,可用性\n社員名簿,3,3,4\n");
        var result = await cli.RunAsync("assess", path, "--lang", "en");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Row 2, column \"可用性\": Enter 1, 2 or 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Takes_the_language_from_the_environment()
    {
        using var cli = new CliRunner(lang: "en_US.UTF-8");
        var result = await cli.RunAsync("assess", cli.PathOf("missing.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was not found", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_file_is_one_line_in_Japanese_by_default()
    {
        using var cli = new CliRunner(lang: "C.UTF-8");
        var result = await cli.RunAsync("assess", cli.PathOf("missing.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("が見つかりません", result.Error, StringComparison.Ordinal);
    }
}

public class Usage_errors
{
    [Theory]
    [InlineData("bogus")]
    [InlineData("assess")]
    [InlineData("assess", "x.csv", "--format", "xml")]
    [InlineData("assets", "list")]
    [InlineData("catalog", "controls", "--unknown")]
    public async Task Exit_with_code_two_and_one_line(params string[] args)
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("mamori: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("assess", result.Out, StringComparison.Ordinal);
    }
}
