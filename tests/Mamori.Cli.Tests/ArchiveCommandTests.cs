using Mamori.Data;
using Mamori.Tests.Support;

namespace Mamori.Cli.Tests;

public class The_archive_and_migrate_commands
{
    [Fact]
    public async Task Export_an_organization_and_import_it_into_another_database_where_its_audit_log_verifies()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "kato", "--name", "加藤運輸");
        Assert.Equal(0, (await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "kato")).ExitCode);
        var archive = cli.PathOf("kato.zip");

        var exported = await cli.RunAsync("orgs", "export", "--org", "kato", "--out", archive);
        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("kato", exported.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.RunAsync("orgs", "export", "--org", "kato", "--out", archive)).ExitCode);

        var other = cli.PathOf("other.db");
        var imported = await cli.RunAsync("orgs", "import", archive, "--db", other);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("加藤運輸", imported.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--org", "kato", "--db", other)).ExitCode);

        var again = await cli.RunAsync("orgs", "import", archive, "--db", other);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--slug", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_moves_the_installation_to_an_empty_PostgreSQL_database_and_refuses_it_once_filled()
    {
        using var cli = new CliRunner("en_US.UTF-8");
        await cli.RunAsync("orgs", "create", "kato", "--name", "加藤運輸");
        await using var target = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Postgres);

        var moved = await cli.RunAsync("migrate", "--from-db", cli.PathOf("mamori.db"), "--to-connection", target.Options.ConnectionString);
        Assert.Equal(0, moved.ExitCode);
        Assert.Contains("Organizations: 1", moved.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--org", "kato", "--connection", target.Options.ConnectionString)).ExitCode);

        var refused = await cli.RunAsync("migrate", "--from-db", cli.PathOf("mamori.db"), "--to-connection", target.Options.ConnectionString);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not empty", refused.Error, StringComparison.Ordinal);
    }
}
