namespace Mamori.Cli.Tests;

public class The_forms_command
{
    [Fact]
    public async Task Adds_the_named_forms_once_and_lists_which_are_added()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");

        var add = await cli.RunAsync("forms", "add", "--org", "yamada", "five-rules", "contacts");
        var again = await cli.RunAsync("forms", "add", "--org", "yamada", "contacts");
        var list = await cli.RunAsync("forms", "list", "--org", "yamada", "--format", "json");

        Assert.Equal((0, 0), (add.ExitCode, again.ExitCode));
        Assert.Contains("情報セキュリティ5か条", add.Out, StringComparison.Ordinal);
        Assert.Contains("7 連絡先シート", add.Out, StringComparison.Ordinal);
        Assert.Contains("0 件を下書きとして追加", again.Out, StringComparison.Ordinal);
        var added = list.Json().EnumerateArray().Where(f => f.GetProperty("added").GetBoolean()).Select(f => f.GetProperty("id").GetString());
        Assert.Equal(["five-rules", "contacts"], added);
    }

    [Fact]
    public async Task Adds_nothing_and_exits_1_for_an_unknown_id()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");

        var add = await cli.RunAsync("forms", "add", "--org", "yamada", "contacts", "no-such-form");
        var list = await cli.RunAsync("forms", "list", "--org", "yamada");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("no-such-form", add.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("追加済み", list.Out, StringComparison.Ordinal);
    }
}
