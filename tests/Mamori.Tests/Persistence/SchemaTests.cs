using System.Data.Common;
using Mamori.Data;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

/// <summary>Each provider's migrations produce the model the code runs with.</summary>
public class The_migrations
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Capture_every_change_to_the_model(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Database.Open();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: regenerate Initial (HELPERS.md).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task End_with_the_one_a_command_checks_for(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Database.Open();

        Assert.True(
            db.Database.GetMigrations().Last() == MamoriDatabase.LatestMigration(provider),
            "A command would not migrate to the newest migration: name it in MamoriDatabase.LatestMigration.");
    }
}

/// <summary>
/// The PostgreSQL and SQLite schemas express the same rules, read from migrated databases: keys and
/// what a delete does to the rows that refer to it, and which column sets are unique. Names are not
/// compared (they are not behaviour).
/// </summary>
public sealed class The_PostgreSQL_and_SQLite_schemas : IAsyncLifetime
{
    private TestDatabase? _sqlite;
    private TestDatabase? _postgres;

    public async Task InitializeAsync()
    {
        _sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
    }

    public async Task DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Have_the_same_foreign_keys_with_the_same_delete_rules()
    {
        var sqlite = await RowsAsync(_sqlite!, """
            SELECT m.name, k."from", k."table", k."to", k.on_delete
            FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS k
            WHERE m.type = 'table'
            """);
        var postgres = await RowsAsync(_postgres!, """
            SELECT k.table_name, k.column_name, r.table_name, r.column_name, c.delete_rule
            FROM information_schema.referential_constraints AS c
            JOIN information_schema.key_column_usage AS k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
            JOIN information_schema.constraint_column_usage AS r ON r.constraint_schema = c.constraint_schema AND r.constraint_name = c.constraint_name
            WHERE c.constraint_schema = 'public'
            """);

        Assert.Equal(sqlite, postgres);
        // Read, not assumed: the rule this branch introduced is on both sides.
        Assert.Contains("RiskScenarios.AssetId → Assets.Id RESTRICT", sqlite);
        Assert.Contains("RiskScenarios.OrganizationId → Organizations.Id CASCADE", sqlite);
    }

    [Fact]
    public async Task Have_the_same_unique_indexes_by_column_set()
    {
        // Primary keys aside: SQLite keeps an integer key as the row id, with no index.
        var sqlite = await UniqueColumnSetsAsync(_sqlite!, """
            SELECT m.name, i.name, c.name
            FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS i JOIN pragma_index_info(i.name) AS c
            WHERE m.type = 'table' AND i."unique" = 1 AND i.origin <> 'pk'
            """);
        var postgres = await UniqueColumnSetsAsync(_postgres!, """
            SELECT t.relname, x.relname, a.attname
            FROM pg_index AS i
            JOIN pg_class AS t ON t.oid = i.indrelid
            JOIN pg_class AS x ON x.oid = i.indexrelid
            JOIN pg_namespace AS n ON n.oid = t.relnamespace
            JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = ANY (i.indkey)
            WHERE n.nspname = 'public' AND i.indisunique AND NOT i.indisprimary
            """);

        Assert.Equal(sqlite, postgres);
        Assert.Contains("Assets(BusinessCategory, Name, OrganizationId)", sqlite);
    }

    /// <summary>Each row as "table.column → table.column RULE", sorted; EF's own tables left out.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase test, string sql) =>
        [.. (await ReadAsync(test, sql))
            .Where(r => !r[0].StartsWith("__EF", StringComparison.Ordinal))
            .Select(r => $"{r[0]}.{r[1]} → {r[2]}.{r[3]} {r[4]}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Each unique index as "table(columns)", its columns sorted: the set is the rule, not the order.</summary>
    private static async Task<List<string>> UniqueColumnSetsAsync(TestDatabase test, string sql) =>
        [.. (await ReadAsync(test, sql))
            .Where(r => !r[0].StartsWith("__EF", StringComparison.Ordinal))
            .GroupBy(r => (Table: r[0], Index: r[1]))
            .Select(g => $"{g.Key.Table}({string.Join(", ", g.Select(r => r[2]).Order(StringComparer.Ordinal))})")
            .Order(StringComparer.Ordinal)];

    private static async Task<List<string[]>> ReadAsync(TestDatabase test, string sql)
    {
        await using var db = test.Database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }
}
