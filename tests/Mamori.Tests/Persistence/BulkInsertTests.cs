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
    public async Task Store_nothing_when_an_import_is_abandoned(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "abandoned");
        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(Record(org.Id));
            await writer.WriteAsync(Many(org.Id, 0, 2_500));
        }

        await using var read = test.Database.Open(org.Id);
        Assert.Equal(0, await read.Assets.CountAsync());
        Assert.Empty(await read.RegisterImports.ToListAsync());
    }

    [Fact]
    public async Task Let_another_organization_read_and_write_its_register_on_PostgreSQL_while_an_import_is_open()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var importing = await CreateOrganizationAsync(test.Database, "importing");
        var other = await CreateOrganizationAsync(test.Database, "other");
        await using var db = test.Database.Open(importing.Id, new Actor("system", Time));
        await using var writer = await db.StartImportAsync<InformationAsset>(Record(importing.Id));
        await writer.WriteAsync(Many(importing.Id, 0, 2_500));
        await writer.CompleteAsync();
        await using var again = await db.StartImportAsync<InformationAsset>(Record(importing.Id));
        await again.WriteAsync(Many(importing.Id, 2_500, 2_500));

        // Row locks only: with the import's transaction still open, the other organization is not kept waiting.
        await using (var elsewhere = test.Database.Open(other.Id, new Actor("system", Time)))
        {
            await elsewhere.Database.ExecuteSqlRawAsync("SET lock_timeout = '2s'");
            Assert.Equal(0, await elsewhere.Assets.CountAsync());
            elsewhere.Assets.Add(new InformationAsset(other.Id, "顧客リスト", Rating.Low, Rating.Low, Rating.Low) { BusinessCategory = "営業" });
            await elsewhere.SaveChangesAsync();
        }

        await again.CompleteAsync();
        await using var read = test.Database.Open(importing.Id);
        Assert.Equal(5_000, await read.Assets.CountAsync());
    }

    private static List<InformationAsset> Many(Guid organizationId, int from, int count) =>
        Enumerable.Range(from, count)
            .Select(i => new InformationAsset(organizationId, $"資産{i:D5}", Rating.From(1 + (i % 3)), Rating.Low, Rating.Medium) { BusinessCategory = "総務", Department = $"部{i % 7}" })
            .ToList();

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
