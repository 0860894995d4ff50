using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mamori.Tests.Persistence;

/// <summary>
/// The rule that an asset belongs to an organization that exists: the same foreign key on both
/// providers, whether the asset comes through SaveChanges or an import.
/// </summary>
public class An_asset_and_its_organization : PersistenceTest
{
    private const string Key = "FK_Assets_Organizations_OrganizationId";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_asset_saved_for_an_organization_that_does_not_exist_is_refused(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var missing = Guid.CreateVersion7();
        await using var db = test.Database.Open(missing, new Actor("system", Time));
        db.Assets.Add(new InformationAsset(missing, "顧客名簿", Rating.High, Rating.Medium, Rating.Low));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        AssertKeyViolation(provider, error.InnerException);
        Assert.Equal(0, await AssetCountAsync(test.Database, missing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_import_for_an_organization_that_does_not_exist_is_refused_and_stores_nothing(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var missing = Guid.CreateVersion7();
        await using var db = test.Database.Open(missing, new Actor("system", Time));

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var writer = await db.StartImportAsync<InformationAsset>(new RegisterImport(missing, "台帳.xlsx", [1, 2, 3], Time.GetUtcNow(), "system"));
            // Past the point where a large import drops the table's indexes, so that path is checked too.
            foreach (var batch in Many(missing, 2_500).Chunk(1_000))
            {
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        });

        AssertKeyViolation(provider, error);
        Assert.Equal(0, await AssetCountAsync(test.Database, missing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moving_an_asset_to_an_organization_that_does_not_exist_is_refused(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "move");
        Assert.True((await ImportSeedAsync(test.Database, org)).Succeeded);
        var missing = Guid.CreateVersion7();
        await using var db = test.Database.Open();

        var error = await Record.ExceptionAsync(() =>
            db.Database.ExecuteSqlAsync($"""UPDATE "Assets" SET "OrganizationId" = {missing} WHERE "OrganizationId" = {org.Id}"""));

        AssertKeyViolation(provider, error);
        // An update that leaves the organization as it was is not refused.
        await db.Database.ExecuteSqlAsync($"""UPDATE "Assets" SET "Notes" = 'checked' WHERE "OrganizationId" = {org.Id}""");
        Assert.Equal(await AssetCountAsync(test.Database, org.Id), await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "Assets" WHERE "Notes" = 'checked'""").SingleAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deleting_an_organization_deletes_its_assets_and_no_one_elses(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var gone = await CreateOrganizationAsync(test.Database, "gone");
        var kept = await CreateOrganizationAsync(test.Database, "kept");
        Assert.True((await ImportSeedAsync(test.Database, gone)).Succeeded);
        Assert.True((await ImportSeedAsync(test.Database, kept)).Succeeded);
        var keptCount = await AssetCountAsync(test.Database, kept.Id);
        Assert.True(keptCount > 0);

        await using (var db = test.Database.Open())
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "Organizations" WHERE "Id" = {gone.Id}""");
        }

        Assert.Equal(0, await AssetCountAsync(test.Database, gone.Id));
        Assert.Equal(keptCount, await AssetCountAsync(test.Database, kept.Id));
    }

    [Fact]
    public async Task On_PostgreSQL_an_organization_keeps_its_id_while_assets_name_it()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var org = await CreateOrganizationAsync(test.Database, "source");
        await using var db = test.Database.Open();
        // A copy of the organization that nothing but its assets refers to (no audit entry names
        // it), so that the asset rule is the only one its id change can break.
        var bare = Guid.CreateVersion7();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Organizations"
            SELECT (jsonb_populate_record(NULL::"Organizations", to_jsonb(o) || jsonb_build_object('Id', {bare}::uuid, 'Slug', 'bare'))).*
            FROM "Organizations" AS o WHERE o."Id" = {org.Id}
            """);
        // Unreferenced, its id may change.
        var renumbered = Guid.CreateVersion7();
        await db.Database.ExecuteSqlAsync($"""UPDATE "Organizations" SET "Id" = {renumbered} WHERE "Id" = {bare}""");
        Assert.True((await ImportSeedAsync(test.Database, org)).Succeeded);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Assets"
            SELECT (jsonb_populate_record(NULL::"Assets", to_jsonb(a) || jsonb_build_object('Id', gen_random_uuid(), 'OrganizationId', {renumbered}::uuid))).*
            FROM "Assets" AS a WHERE a."OrganizationId" = {org.Id}
            """);
        Assert.True(await AssetCountAsync(test.Database, renumbered) > 0);

        var error = await Record.ExceptionAsync(() =>
            db.Database.ExecuteSqlAsync($"""UPDATE "Organizations" SET "Id" = {Guid.CreateVersion7()} WHERE "Id" = {renumbered}"""));

        var postgres = Assert.IsType<PostgresException>(error);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, postgres.SqlState);
        Assert.Equal(Key, postgres.ConstraintName);
        // PostgreSQL names the referencing table of a key that an update of the referenced one breaks.
        Assert.Equal("Assets", postgres.TableName);
    }

    [Fact]
    public async Task On_PostgreSQL_assets_wait_for_a_delete_of_their_organization_and_a_delete_waits_for_new_assets()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var org = await CreateOrganizationAsync(test.Database, "locks");
        Assert.True((await ImportSeedAsync(test.Database, org)).Succeeded);
        var before = await AssetCountAsync(test.Database, org.Id);
        await using var deleting = test.Database.Open();
        await using var adding = test.Database.Open();

        // A delete not yet committed: the check of new assets must wait for it, as the key's did.
        await using (var delete = await deleting.Database.BeginTransactionAsync())
        {
            await deleting.Database.ExecuteSqlAsync($"""DELETE FROM "Organizations" WHERE "Id" = {org.Id}""");
            await using var add = await adding.Database.BeginTransactionAsync();
            await adding.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '200ms'");
            var waited = await Record.ExceptionAsync(() => AddAssetRowAsync(adding, org.Id, "見積書"));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, PostgresCause(waited)?.SqlState);
            await add.RollbackAsync();
            await delete.RollbackAsync();
        }

        // New assets not yet committed: the organization cannot be deleted under them.
        await using (var add = await adding.Database.BeginTransactionAsync())
        {
            await AddAssetRowAsync(adding, org.Id, "請求書");
            await using var delete = await deleting.Database.BeginTransactionAsync();
            await deleting.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '200ms'");
            var waited = await Record.ExceptionAsync(() => deleting.Database.ExecuteSqlAsync($"""DELETE FROM "Organizations" WHERE "Id" = {org.Id}"""));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, PostgresCause(waited)?.SqlState);
            await delete.RollbackAsync();
            await add.CommitAsync();
        }

        Assert.Equal(before + 1, await AssetCountAsync(test.Database, org.Id));
    }

    /// <summary>
    /// A copy of one of the organization's assets under another name, in plain SQL: no audit entry (whose own
    /// foreign key would lock the organization too), so that only the asset rule can make it wait.
    /// </summary>
    private static Task<int> AddAssetRowAsync(MamoriDb db, Guid organizationId, string name) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Assets"
            SELECT (jsonb_populate_record(NULL::"Assets", to_jsonb(a) || jsonb_build_object('Id', gen_random_uuid(), 'Name', {name}::text))).*
            FROM "Assets" AS a WHERE a."OrganizationId" = {organizationId} LIMIT 1
            """);

    private static void AssertKeyViolation(DatabaseProvider provider, Exception? error)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var sqlite = Assert.IsType<SqliteException>(error);
            Assert.Equal(19, sqlite.SqliteErrorCode);
            Assert.Contains("FOREIGN KEY", sqlite.Message, StringComparison.Ordinal);
            return;
        }

        var postgres = Assert.IsType<PostgresException>(error);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, postgres.SqlState);
        Assert.Equal(Key, postgres.ConstraintName);
        Assert.Equal("Assets", postgres.TableName);
    }

    // EF's retrying strategy wraps what the server answered.
    private static PostgresException? PostgresCause(Exception? error) =>
        error is null or PostgresException ? error as PostgresException : PostgresCause(error.InnerException);

    private static List<InformationAsset> Many(Guid organizationId, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new InformationAsset(organizationId, $"資産{i:D5}", Rating.Low, Rating.Medium, Rating.High) { BusinessCategory = "総務" })
            .ToList();

    private static async Task<int> AssetCountAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open();
        return await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "Assets" WHERE "OrganizationId" = {organizationId}""").SingleAsync();
    }
}
