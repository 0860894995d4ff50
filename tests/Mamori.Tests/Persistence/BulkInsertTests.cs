using System.Data.Common;
using System.Text.RegularExpressions;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mamori.Tests.Persistence;

public partial class Bulk_inserted_assets : PersistenceTest
{
    private static readonly string[] Generated = ["Id", "OrganizationId", MamoriDb.ChangedAt];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Are_stored_column_for_column_as_a_tracked_save_stores_them(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var bulk = await CreateOrganizationAsync(test.Database, "bulk");
        var tracked = await CreateOrganizationAsync(test.Database, "tracked");
        // A change time with a fraction of a second, so that its format is compared in full.
        Time.Advance(TimeSpan.FromTicks(8_818_787));
        await using (var db = test.Database.Open(bulk.Id, new Actor("system", Time)))
        {
            // In batches, as an import writes them.
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(bulk.Id));
            foreach (var batch in Assets(bulk.Id).Chunk(3))
            {
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        await using (var db = test.Database.Open(tracked.Id, new Actor("system", Time)))
        {
            db.Assets.AddRange(Assets(tracked.Id));
            await db.SaveChangesAsync();
        }

        var bulkRows = await RawAssetsAsync(test.Database, bulk.Id);
        var trackedRows = await RawAssetsAsync(test.Database, tracked.Id);

        Assert.Equal(Assets(bulk.Id).Count, bulkRows.Count);
        Assert.Equal(trackedRows.Select(r => r.Keys.Order().ToList()), bulkRows.Select(r => r.Keys.Order().ToList()));
        Assert.Equal(
            trackedRows.Select(r => r.Where(c => !Generated.Contains(c.Key)).OrderBy(c => c.Key).ToList()),
            bulkRows.Select(r => r.Where(c => !Generated.Contains(c.Key)).OrderBy(c => c.Key).ToList()));
        Assert.All(bulkRows.Concat(trackedRows), r => Assert.Equal(r[MamoriDb.ChangedAt], bulkRows[0][MamoriDb.ChangedAt]));
        if (provider == DatabaseProvider.Sqlite)
        {
            // The text EF itself writes, which queries compare against.
            Assert.All(bulkRows.Concat(trackedRows), r => Assert.Matches(UpperCaseGuid(), (string)r["Id"]!));
            Assert.All(bulkRows, r => Assert.Equal(bulk.Id.ToString().ToUpperInvariant(), r["OrganizationId"]));
            Assert.All(trackedRows, r => Assert.Equal(tracked.Id.ToString().ToUpperInvariant(), r["OrganizationId"]));
            Assert.Equal("2026-04-01 00:00:00.8818787+00:00", bulkRows[0][MamoriDb.ChangedAt]);
        }
        else
        {
            Assert.All(bulkRows.Concat(trackedRows), r => Assert.IsType<Guid>(r["Id"]));
            Assert.All(bulkRows, r => Assert.Equal(bulk.Id, r["OrganizationId"]));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Throw_on_a_unique_index_clash_and_leave_the_connection_usable(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "clash");
        await using var db = test.Database.Open(org.Id, new Actor("system", Time));
        var first = new InformationAsset(org.Id, "顧客リスト", Rating.Low, Rating.Low, Rating.Low) { BusinessCategory = "営業" };
        var again = new InformationAsset(org.Id, "顧客リスト", Rating.High, Rating.Low, Rating.Low) { BusinessCategory = "営業" };

        await using (var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id)))
        {
            await writer.WriteAsync([first]);
            // SQLite refuses the row as it is written; PostgreSQL's COPY, left open, when it ends.
            var error = await Assert.ThrowsAnyAsync<DbException>(async () =>
            {
                await writer.WriteAsync([again]);
                await writer.CompleteAsync();
            });
            if (error is SqliteException sqlite)
            {
                Assert.Equal(2067, sqlite.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_UNIQUE
                Assert.Contains("Assets.Name", sqlite.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("23505", Assert.IsType<Npgsql.PostgresException>(error).SqlState); // unique_violation
            }
        }

        Assert.Empty(await db.Assets.AsNoTracking().ToListAsync());
        Assert.Empty(await db.RegisterImports.AsNoTracking().ToListAsync());
        db.Assets.Add(new InformationAsset(org.Id, "顧客リスト", Rating.Low, Rating.Low, Rating.Low) { BusinessCategory = "営業" });
        await db.SaveChangesAsync();
        Assert.Single(await db.Assets.AsNoTracking().ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Drop_the_tables_indexes_while_a_large_import_writes_and_build_the_same_ones_again(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "large");
        var before = await IndexesAsync(test.Database);
        Assert.Contains("OrganizationId, Name", await IndexedColumnsAsync(test.Database));
        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id));
            await writer.WriteAsync(Many(org.Id, 0, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom - 1));
            Assert.False(writer.IndexesDeferred);
            await writer.WriteAsync(Many(org.Id, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom, 1));
            Assert.True(writer.IndexesDeferred);
            Assert.DoesNotContain("OrganizationId, Name", await IndexedColumnsAsync(test.Database, db));
            await writer.WriteAsync(Many(org.Id, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom + 1, 500));
            await writer.CompleteAsync();
        }

        Assert.Equal(before, await IndexesAsync(test.Database));
        Assert.Contains("OrganizationId, Name", await IndexedColumnsAsync(test.Database));
        Assert.Contains("OrganizationId, BusinessCategory, Name", await IndexedColumnsAsync(test.Database));
        await using var read = test.Database.Open(org.Id);
        Assert.Equal(MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom + 500, await read.Assets.CountAsync());
        Assert.Equal("資産00042", (await read.Assets.OrderBy(a => a.Name).Skip(42).FirstAsync()).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keep_the_indexes_of_a_table_holding_more_rows_than_the_import_has_written(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var other = await CreateOrganizationAsync(test.Database, "other");
        var org = await CreateOrganizationAsync(test.Database, "growing");
        var held = MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom + 1_000;
        await using (var db = test.Database.Open(other.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(other.Id));
            await writer.WriteAsync(Many(other.Id, 0, held));
            await writer.CompleteAsync();
        }

        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id));
            await writer.WriteAsync(Many(org.Id, 0, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom));
            Assert.False(writer.IndexesDeferred);
            await writer.WriteAsync(Many(org.Id, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom, held - MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom - 1));
            Assert.False(writer.IndexesDeferred);
            // Now as many rows as the table held: rebuilding them all is the cheaper way on.
            await writer.WriteAsync(Many(org.Id, held - 1, 1));
            Assert.True(writer.IndexesDeferred);
            await writer.CompleteAsync();
        }

        await using var read = test.Database.Open(org.Id);
        Assert.Equal(held, await read.Assets.CountAsync());
    }

    [Fact]
    public async Task Keep_the_indexes_on_PostgreSQL_when_another_connection_is_reading_the_table()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var org = await CreateOrganizationAsync(test.Database, "read-meanwhile");
        // A reader in the middle of a transaction holds a lock that DROP INDEX would have to wait for.
        await using var reader = new Npgsql.NpgsqlConnection(test.Database.Options.ConnectionString);
        await reader.OpenAsync();
        await using var reading = await reader.BeginTransactionAsync();
        await using (var read = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "Assets" """, reader, reading))
        {
            await read.ExecuteScalarAsync();
        }

        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id));
            await writer.WriteAsync(Many(org.Id, 0, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom));
            Assert.False(writer.IndexesDeferred);
            await writer.WriteAsync(Many(org.Id, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom, 100));
            await writer.CompleteAsync();
        }

        await reading.CommitAsync();
        await using var check = test.Database.Open(org.Id);
        Assert.Equal(MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom + 100, await check.Assets.CountAsync());
        Assert.Single(await check.RegisterImports.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bring_the_indexes_back_when_a_large_import_is_abandoned(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "abandoned");
        var before = await IndexesAsync(test.Database);
        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id));
            await writer.WriteAsync(Many(org.Id, 0, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom + 10));
            Assert.True(writer.IndexesDeferred);
        }

        Assert.Equal(before, await IndexesAsync(test.Database));
        await using var read = test.Database.Open(org.Id);
        Assert.Equal(0, await read.Assets.CountAsync());
        Assert.Empty(await read.RegisterImports.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuse_a_large_import_whose_rows_break_a_unique_index_when_it_is_built_again(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "duplicated");
        var before = await IndexesAsync(test.Database);
        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id));
            await writer.WriteAsync(Many(org.Id, 0, MamoriDb.ImportWriter<InformationAsset>.DeferIndexesFrom));
            Assert.True(writer.IndexesDeferred);
            await writer.WriteAsync(Many(org.Id, 7, 1));
            var error = await Assert.ThrowsAnyAsync<DbException>(() => writer.CompleteAsync());
            Assert.Contains(provider == DatabaseProvider.Sqlite ? "UNIQUE" : "23505", provider == DatabaseProvider.Sqlite ? error.Message : ((Npgsql.PostgresException)error).SqlState, StringComparison.Ordinal);
        }

        Assert.Equal(before, await IndexesAsync(test.Database));
        await using var read = test.Database.Open(org.Id);
        Assert.Equal(0, await read.Assets.CountAsync());
    }

    private static List<InformationAsset> Many(Guid organizationId, int from, int count) =>
        Enumerable.Range(from, count)
            .Select(i => new InformationAsset(organizationId, $"資産{i:D5}", Rating.From(1 + (i % 3)), Rating.Low, Rating.Medium) { BusinessCategory = "総務", Department = $"部{i % 7}" })
            .ToList();

    /// <summary>The definitions of the asset table's indexes, as the database reports them.</summary>
    private static Task<List<string>> IndexesAsync(MamoriDatabase database, MamoriDb? inTransaction = null) =>
        QueryAsync(
            database,
            inTransaction,
            """SELECT name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Assets' ORDER BY name""",
            """SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename = 'Assets' ORDER BY indexname""");

    /// <summary>The columns each index of the asset table covers, in index order ("OrganizationId, Name"), whatever the index is called.</summary>
    private static Task<List<string>> IndexedColumnsAsync(MamoriDatabase database, MamoriDb? inTransaction = null) =>
        QueryAsync(
            database,
            inTransaction,
            """
            SELECT (SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno))
            FROM pragma_index_list('Assets') i
            """,
            """
            SELECT string_agg(a.attname, ', ' ORDER BY k.position)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE t.relname = 'Assets'
            GROUP BY i.indexrelid
            """);

    private static async Task<List<string>> QueryAsync(MamoriDatabase database, MamoriDb? inTransaction, string sqlite, string postgres)
    {
        await using var own = inTransaction is null ? database.Open() : null;
        var db = inTransaction ?? own!;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = database.Options.Provider == DatabaseProvider.Sqlite ? sqlite : postgres;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private RegisterImport Record(Guid organizationId) => new(organizationId, "台帳.xlsx", [1, 2, 3], Time.GetUtcNow(), "system");

    /// <summary>Japanese and empty text, every personal-information combination, likelihoods absent, given and derived.</summary>
    private static List<InformationAsset> Assets(Guid organizationId) =>
        Enumerable.Range(0, 8).Select(i =>
        {
            var asset = new InformationAsset(organizationId, $"資産{i}「社員名簿」", Rating.From(1 + (i % 3)), Rating.From(1 + (i / 3 % 3)), Rating.High)
            {
                BusinessCategory = i % 2 == 0 ? "人事" : "",
                Department = i % 3 == 0 ? "" : "総務部",
                Notes = i == 5 ? "備考：紙で保管 😀" : "",
                MediaAndLocation = "ファイルサーバ\\共有",
                RetentionPeriod = "2030年3月末",
                PersonalInformation = (PersonalInformationKinds)i,
                RegisteredOn = new DateOnly(2026, 1, 1).AddDays(i * 40),
            };
            switch (i % 3)
            {
                case 1:
                    asset.SetLikelihood(Rating.Medium);
                    break;
                case 2:
                    asset.AssessLikelihood(Rating.High, Rating.Low);
                    break;
            }

            return asset;
        }).ToList();

    /// <summary>The organization's asset rows as the provider returns them, read with plain ADO.NET, by name.</summary>
    private static async Task<List<Dictionary<string, object?>>> RawAssetsAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "Assets" WHERE "OrganizationId" = @org ORDER BY "Name" """;
        var org = command.CreateParameter();
        org.ParameterName = "@org";
        org.Value = organizationId;
        command.Parameters.Add(org);
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    [GeneratedRegex("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")]
    private static partial Regex UpperCaseGuid();
}
