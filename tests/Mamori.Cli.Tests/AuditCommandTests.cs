using Microsoft.Data.Sqlite;

namespace Mamori.Cli.Tests;

public class The_audit_verify_command
{
    [Fact]
    public async Task Says_the_log_is_intact_then_names_the_entry_changed_behind_its_back()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        Assert.Equal(0, (await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "yamada")).ExitCode);

        var intact = await cli.RunAsync("audit", "verify", "--org", "yamada");
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("監査ログは完全です: 2 件", intact.Out, StringComparison.Ordinal);

        string changedId;
        await using (var connection = new SqliteConnection($"Data Source={cli.PathOf("mamori.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var find = connection.CreateCommand();
            find.CommandText = "SELECT \"Id\" FROM \"AuditEntries\" WHERE \"Sequence\" = 2";
            changedId = (string)(await find.ExecuteScalarAsync())!;
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE \"AuditEntries\" SET \"After\" = replace(\"After\", '3', '1') WHERE \"Sequence\" = 2";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var broken = await cli.RunAsync("audit", "verify", "--org", "yamada");

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("監査ログの記録が変更されています: 通番 2", broken.Error, StringComparison.Ordinal);
        Assert.Contains(changedId, broken.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refuses_an_unknown_organization()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("audit", "verify", "--org", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nobody", result.Error, StringComparison.Ordinal);
    }
}
