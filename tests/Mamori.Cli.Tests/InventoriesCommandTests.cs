namespace Mamori.Cli.Tests;

public class The_inventories_command
{
    [Fact]
    public async Task Imports_a_file_all_or_nothing_naming_the_bad_row_then_lists_and_exports_it()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        var bad = cli.WriteFile("bad.csv", "機器名,OS とその版,サポート期限\n営業用ノートPC,Windows 11,2030/10/14\nファイルサーバー,Linux,来年\n");
        var good = cli.WriteFile("good.csv", "機器名,OS とその版\n営業用ノートPC,Windows 11\nファイルサーバー,\n");

        var refused = await cli.RunAsync("inventories", "import", "--org", "yamada", "--kind", "devices", bad);
        var empty = await cli.RunAsync("inventories", "list", "--org", "yamada", "--kind", "devices");
        var imported = await cli.RunAsync("inventories", "import", "--org", "yamada", "--kind", "devices", good);
        var list = await cli.RunAsync("inventories", "list", "--org", "yamada", "--kind", "devices", "--format", "json");
        var table = await cli.RunAsync("inventories", "list", "--org", "yamada", "--kind", "devices");

        Assert.Equal((1, 0, 0, 0, 0), (refused.ExitCode, empty.ExitCode, imported.ExitCode, list.ExitCode, table.ExitCode));
        Assert.Contains("3 行目「サポート期限」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("まだ項目がありません", empty.Out, StringComparison.Ordinal);
        Assert.Contains("2 件", imported.Out, StringComparison.Ordinal);
        var items = list.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["ファイルサーバー", "営業用ノートPC"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.True(items[0].GetProperty("lacksSomething").GetBoolean());
        Assert.Contains("Windows 11", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_an_inventory_the_import_reads_back_and_refuses_an_unknown_kind()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        await cli.RunAsync("orgs", "create", "tanaka", "--name", "田中工業");
        var file = cli.WriteFile("services.csv", "サービス名,提供者\nクラウドストレージ,A社\n");
        Assert.Equal(0, (await cli.RunAsync("inventories", "import", "--org", "yamada", "--kind", "external-services", file)).ExitCode);

        var csv = await cli.RunAsync("inventories", "export", "--org", "yamada", "--kind", "external-services", "--format", "csv", "--out", cli.PathOf("out.csv"));
        var xlsx = await cli.RunAsync("inventories", "export", "--org", "yamada", "--kind", "external-services", "--out", cli.PathOf("out.xlsx"));
        var again = await cli.RunAsync("inventories", "import", "--org", "tanaka", "--kind", "external-services", cli.PathOf("out.xlsx"));
        var unknown = await cli.RunAsync("inventories", "list", "--org", "yamada", "--kind", "printers");

        Assert.Equal((0, 0, 0), (csv.ExitCode, xlsx.ExitCode, again.ExitCode));
        Assert.Contains("クラウドストレージ", File.ReadAllText(cli.PathOf("out.csv")), StringComparison.Ordinal);
        Assert.Contains("1 件", again.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
    }
}
