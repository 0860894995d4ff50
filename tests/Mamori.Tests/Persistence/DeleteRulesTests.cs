using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Soa;
using Mamori.Domain.Treatments;
using Mamori.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mamori.Tests.Persistence;

/// <summary>
/// No database cascade removes audited rows behind the audit log's back: a row that audited rows
/// refer to cannot be deleted while they exist; only deleting a whole organization removes its rows
/// (its audit log with them).
/// </summary>
public class Deleting_rows_through_the_database : PersistenceTest
{
    [Fact]
    public void Cascades_only_from_an_organization_or_into_an_accounts_own_unaudited_rows()
    {
        using var db = new MamoriDatabase(DatabaseOptions.ForSqliteFile(Files.PathOf("model.db"))).Open();

        foreach (var key in db.Model.GetEntityTypes().SelectMany(t => t.GetForeignKeys()))
        {
            var dependent = key.DeclaringEntityType.ClrType;
            var principal = key.PrincipalEntityType.ClrType;
            var expected = typeof(IBelongsToOrganization).IsAssignableFrom(dependent)
                ? principal == typeof(Organization) ? DeleteBehavior.Cascade : DeleteBehavior.Restrict
                : DeleteBehavior.Cascade;
            Assert.True(expected == key.DeleteBehavior, $"{dependent.Name} → {principal.Name}: {key.DeleteBehavior}, expected {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Of_an_asset_with_risk_scenarios_is_refused_by_the_key(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeedAsync(test.Database, "assets");
        var entries = await CountAsync(test.Database, "AuditEntries", org.Organization);

        await using (var db = test.Database.Open(org.Organization))
        {
            AssertRefusedByKey(await Record.ExceptionAsync(() =>
                db.Database.ExecuteSqlAsync($"""DELETE FROM "Assets" WHERE "Id" = {org.Asset}""")));
        }

        // Through the change tracker the same: nothing deleted, no audit entry for it.
        await using (var db = test.Database.Open(org.Organization, new Actor("test", Time)))
        {
            db.Assets.Remove(await db.Assets.SingleAsync(a => a.Id == org.Asset));
            AssertRefusedByKey(await Record.ExceptionAsync(() => db.SaveChangesAsync()));
        }

        Assert.Equal(1, await CountAsync(test.Database, "Assets", org.Organization));
        Assert.Equal(1, await CountAsync(test.Database, "RiskScenarios", org.Organization));
        Assert.Equal(entries, await CountAsync(test.Database, "AuditEntries", org.Organization));
    }

    [Theory]
    [MemberData(nameof(Parents))]
    public async Task Of_any_row_audited_rows_refer_to_is_refused_by_the_key(DatabaseProvider provider, string table)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await SeedAsync(test.Database, "parents");
        object id = table switch
        {
            "RiskScenarios" => org.Scenario,
            "PolicyDocuments" => org.Document,
            "DocumentVersions" => org.Version,
            "AspNetUsers" => org.User,
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };

        // The table names come from this test's own list.
        var delete = $$"""DELETE FROM "{{table}}" WHERE "Id" = {0}""";
        var count = $$"""SELECT COUNT(*) AS "Value" FROM "{{table}}" WHERE "Id" = {0}""";
        await using var db = test.Database.Open();
        AssertRefusedByKey(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(delete, id)));

        Assert.Equal(1, await db.Database.SqlQueryRaw<int>(count, id).SingleAsync());
    }

    public static TheoryData<DatabaseProvider, string> Parents()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            // A scenario its treatment task names, a document its version, a version its acknowledgement,
            // an account its membership and acknowledgement.
            foreach (var table in new[] { "RiskScenarios", "PolicyDocuments", "DocumentVersions", "AspNetUsers" })
            {
                data.Add(provider, table);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Of_a_whole_organization_removes_all_of_its_rows_and_no_one_elses(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var gone = await SeedAsync(test.Database, "gone");
        var kept = await SeedAsync(test.Database, "kept");
        var keptCounts = await CountAllAsync(test.Database, kept.Organization);
        Assert.All(keptCounts, c => Assert.True(c.Count > 0, c.Table));

        await using (var db = test.Database.Open())
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "Organizations" WHERE "Id" = {gone.Organization}""");
        }

        Assert.All(await CountAllAsync(test.Database, gone.Organization), c => Assert.True(c.Count == 0, c.Table));
        Assert.Equal(keptCounts, await CountAllAsync(test.Database, kept.Organization));
    }

    private static readonly string[] OrganizationTables =
    [
        "Memberships", "Assets", "RiskScenarios", "TreatmentTasks", "PolicyDocuments", "DocumentVersions",
        "Acknowledgements", "PolicyRoles", "SoaEntries", "AuditEntries",
    ];

    private static async Task<List<(string Table, int Count)>> CountAllAsync(MamoriDatabase database, Guid organizationId)
    {
        var counts = new List<(string, int)>();
        foreach (var table in OrganizationTables)
        {
            counts.Add((table, await CountAsync(database, table, organizationId)));
        }

        return counts;
    }

    private static async Task<int> CountAsync(MamoriDatabase database, string table, Guid organizationId)
    {
        var count = $$"""SELECT COUNT(*) AS "Value" FROM "{{table}}" WHERE "OrganizationId" = {0}""";
        await using var db = database.Open();
        return await db.Database.SqlQueryRaw<int>(count, organizationId).SingleAsync();
    }

    private sealed record Seeded(Guid Organization, Guid Asset, Guid Scenario, Guid Document, Guid Version, string User);

    /// <summary>An organization with one row of each kind that refers to another, all saved (and audited) through the context.</summary>
    private async Task<Seeded> SeedAsync(MamoriDatabase database, string slug)
    {
        var org = await CreateOrganizationAsync(database, slug);
        var user = new MamoriUser { UserName = $"{slug}@example.jp", Email = $"{slug}@example.jp", DisplayName = slug };
        await using (var accounts = database.Open())
        {
            accounts.Users.Add(user);
            await accounts.SaveChangesAsync();
        }

        await using var db = database.Open(org.Id, new Actor("test", Time));
        var asset = new InformationAsset(org.Id, "顧客名簿", Rating.High, Rating.Medium, Rating.Low);
        var scenario = SeedExamples.LaptopScenario(org.Id, asset.Id);
        var document = new PolicyDocument(org.Id, DocumentKind.Standard, "1", "アクセス管理基準");
        var version = new DocumentVersion(org.Id, document.Id, 1, "本文", "作成者", Time.GetUtcNow());
        db.Memberships.Add(new Membership(org.Id, user.Id, MemberRole.Administrator));
        db.Assets.Add(asset);
        db.RiskScenarios.Add(scenario);
        db.TreatmentTasks.Add(new TreatmentTask(org.Id, "ディスク暗号化") { RiskScenarioId = scenario.Id });
        db.PolicyDocuments.Add(document);
        db.DocumentVersions.Add(version);
        db.Acknowledgements.Add(new Acknowledgement(org.Id, version.Id, user.Id, Time.GetUtcNow()));
        db.PolicyRoles.Add(new PolicyRole(org.Id, "情報セキュリティ責任者", "全般", 1));
        db.SoaEntries.Add(new SoaEntry(org.Id, "5.1"));
        await db.SaveChangesAsync();
        return new(org.Id, asset.Id, scenario.Id, document.Id, version.Id, user.Id);
    }

    /// <summary>The database itself refused: a foreign key, not a check in the application.</summary>
    private static void AssertRefusedByKey(Exception? error)
    {
        var cause = error;
        while (cause is not null and not SqliteException and not PostgresException)
        {
            cause = cause.InnerException;
        }

        switch (cause)
        {
            case SqliteException sqlite:
                Assert.Equal(19, sqlite.SqliteErrorCode);
                Assert.Contains("FOREIGN KEY", sqlite.Message, StringComparison.Ordinal);
                break;
            case PostgresException postgres:
                Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, postgres.SqlState);
                break;
            default:
                Assert.Fail($"Not refused by a key: {error?.ToString() ?? "nothing was refused"}");
                break;
        }
    }
}
