namespace Mamori.Cli.Tests;

public class The_organization_list_command
{
    [Fact]
    public async Task Lists_every_organization_by_id_with_its_own_asset_count()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        await cli.RunAsync("orgs", "create", "abe", "--name", "阿部工業");
        await cli.RunAsync("orgs", "create", "kato", "--name", "加藤運輸");
        var seed = cli.WriteFile("seed.csv", SeedCsv.Text);
        Assert.Equal(0, (await cli.RunAsync("assets", "import", seed, "--org", "kato")).ExitCode);

        var listed = await cli.RunAsync("orgs", "list", "--format", "json");

        var organizations = listed.Json().EnumerateArray().Select(o => (o.GetProperty("slug").GetString(), o.GetProperty("assetCount").GetInt32())).ToList();
        Assert.Equal([("abe", 0), ("kato", 3), ("yamada", 0)], organizations);
        var table = await cli.RunAsync("orgs", "list");
        Assert.All(["阿部工業", "加藤運輸", "株式会社山田商事"], name => Assert.Contains(name, table.Out, StringComparison.Ordinal));
    }
}
