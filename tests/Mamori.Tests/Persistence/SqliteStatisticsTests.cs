using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

public class SQLites_query_planner : PersistenceTest
{
    [Fact]
    public async Task Gets_statistics_at_start_and_then_looks_a_page_of_scenarios_up_by_id()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "planned");
        await using (var db = test.Database.Open(org.Id))
        {
            for (var i = 0; i < 200; i++)
            {
                var asset = new InformationAsset(org.Id, $"資産{i:D3}", Rating.Medium, Rating.Medium, Rating.Medium);
                db.Assets.Add(asset);
                db.RiskScenarios.Add(SeedExamples.LaptopScenario(org.Id, asset.Id));
            }

            await db.SaveChangesAsync();
        }

        await test.Database.MigrateAsync();

        await using var read = test.Database.Open(org.Id);
        var ids = await read.RiskScenarios.Select(s => s.Id).Take(50).ToListAsync();
        var analysed = await read.Database.SqlQueryRaw<string>("SELECT \"tbl\" AS \"Value\" FROM \"sqlite_stat1\"").ToListAsync();
        // The risk list's page: the organization's filter and fifty ids.
        var connection = read.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = $"EXPLAIN QUERY PLAN SELECT * FROM \"RiskScenarios\" WHERE \"OrganizationId\" = $org AND \"Id\" IN ({string.Join(",", ids.Select((_, i) => $"$id{i}"))})";
        explain.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$org", org.Id.ToString().ToUpperInvariant()));
        explain.Parameters.AddRange(ids.Select((id, i) => new Microsoft.Data.Sqlite.SqliteParameter($"$id{i}", id.ToString().ToUpperInvariant())).ToArray());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains("RiskScenarios", analysed);
        Assert.Contains("Assets", analysed);
        Assert.Contains(plan, step => step.Contains("sqlite_autoindex_RiskScenarios_1 (Id=?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refreshes_its_statistics_after_an_import_grew_the_register()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "growing");
        await test.Database.MigrateAsync();
        var rows = Enumerable.Range(0, 600)
            .Select(i => new[] { "総務", $"資産{i:D4}", "", "", "", "総務部", "", "1", "2", "1", "2", "", "" })
            .ToArray();

        var result = await Mamori.Features.Assets.ImportAssets.HandleAsync(test.Database, org.Id, Files.Csv("grown.csv", SeedRegister.Csv(rows)), Time);
        await test.Database.PendingMaintenance;

        Assert.True(result.Succeeded);
        await using var read = test.Database.Open(org.Id);
        var assetRows = await read.Database.SqlQueryRaw<string>("SELECT \"stat\" AS \"Value\" FROM \"sqlite_stat1\" WHERE \"tbl\" = 'Assets'").ToListAsync();
        Assert.NotEmpty(assetRows);
        Assert.All(assetRows, stat => Assert.True(int.Parse(stat.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 600, stat));
    }
}

public class An_imports_commit_on_SQLite : PersistenceTest
{
    [Fact]
    public async Task Leaves_the_log_to_a_checkpoint_after_it_which_brings_every_row_into_the_database_file()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "checkpointed");
        var file = test.Database.Options.SqliteFile!;
        var before = new FileInfo(file).Length;
        // Some megabytes: past the thousand pages at which SQLite checkpoints by itself.
        var rows = Enumerable.Range(0, 10_000)
            .Select(i => new[] { "総務", $"資産{i:D5}", $"備考{i}", "全社", "総務部長", "総務部", "共有サーバ", "1", "2", "1", "2", "", "" })
            .ToArray();

        // Pooled, as the server runs: the import's connection is the one the next context gets back.
        var pooled = new MamoriDatabase(test.Database.Options.Pooled());

        var result = await Mamori.Features.Assets.ImportAssets.HandleAsync(pooled, org.Id, Files.Csv("large.csv", SeedRegister.Csv(rows)), Time);
        await pooled.PendingMaintenance;

        Assert.True(result.Succeeded);
        Assert.True(new FileInfo(file).Length > before + (2 * 1024 * 1024), $"{before} → {new FileInfo(file).Length}");
        await using var read = pooled.Open(org.Id);
        Assert.Equal(10_000, await read.Assets.CountAsync());
        // The import's connection went back to the pool with SQLite's own setting.
        var connection = read.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(1000L, await pragma.ExecuteScalarAsync());
    }
}

