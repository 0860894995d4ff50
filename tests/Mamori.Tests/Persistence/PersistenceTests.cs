using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Features.Assets;
using Mamori.Domain;
using Mamori.Features.Organizations;
using Mamori.Import;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Persistence;

/// <summary>Every test here runs on SQLite and on PostgreSQL, each on a database of its own.</summary>
public abstract class PersistenceTest : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected PersistenceTest() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));

    protected TempFiles Files { get; } = new();

    protected async Task<Organization> CreateOrganizationAsync(MamoriDatabase database, string slug, RiskBandScheme? bands = null)
    {
        var result = await CreateOrganization.HandleAsync(database, new(slug, $"株式会社{slug}", bands), Time);
        return result.Created ?? throw new InvalidOperationException(result.Problem);
    }

    protected async Task<ImportAssets.Result> ImportSeedAsync(MamoriDatabase database, Organization organization) =>
        await ImportAssets.HandleAsync(database, organization.Id, Files.Csv("seed.csv", SeedRegister.Csv()), Time);

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        Files.Dispose();
        GC.SuppressFinalize(this);
    }
}

public class Importing_a_register : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_the_seed_rows_with_risk_nine_six_six(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "seed-co");

        var result = await ImportSeedAsync(test.Database, org);

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Imported);
        var assets = await ListAssets.HandleAsync(test.Database, org.Id);
        Assert.Equal(
            [("人事", "社員名簿", 3, 9), ("営業", "顧客リスト", 3, 6), ("経理", "当社宛請求書", 3, 6)],
            assets.Select(a => (a.BusinessCategory, a.Name, a.Importance.Value, a.RiskValue!.Value.Value)));
        Assert.All(assets, a => Assert.Equal(new DateOnly(2026, 4, 1), a.RegisteredOn));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_nothing_when_one_cell_is_bad(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "seed-co");
        var rows = SeedRegister.Rows.Select(r => (string[])r.Clone()).ToArray();
        rows[2][7] = "4";

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Csv("bad.csv", SeedRegister.Csv(rows)), Time);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, "機密性"), (problem.Row, problem.Column));
        Assert.Empty(await ListAssets.HandleAsync(test.Database, org.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_assets_already_registered_and_adds_none_of_the_file(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "seed-co");
        await ImportSeedAsync(test.Database, org);
        var again = SeedRegister.Csv([SeedRegister.Rows[0], ["総務", "備品台帳", "", "", "", "総務部", "", "1", "1", "1", "1", "", ""]]);

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Csv("again.csv", again), Time);

        Assert.Equal(2, Assert.Single(result.Problems).Row);
        Assert.Equal(3, (await ListAssets.HandleAsync(test.Database, org.Id)).Count);
    }
}

/// <summary>
/// Files longer than one batch: rows are stored while the rest of the file is still read, and a
/// problem anywhere still stores nothing and is reported with every other one.
/// </summary>
public class Importing_a_large_register : PersistenceTest
{
    private const int RowCount = (ImportAssets.BatchSize * 3) + 500;

    /// <summary>Spreadsheet row numbers: the header is row 1, so data row i (0-based) is row i + 2.</summary>
    private static string[][] Rows() =>
        Enumerable.Range(0, RowCount)
            .Select(i => new[] { "総務", $"資産{i:D5}", "", "", "", "総務部", "", "1", "2", "1", "2", "", "" })
            .ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_nothing_keeps_no_file_and_names_the_row_when_a_row_near_the_end_is_bad(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "large-co");
        var auditBefore = await AuditCountAsync(test.Database, org.Id);
        var rows = Rows();
        rows[RowCount - 3][8] = "9";

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Csv("large.csv", SeedRegister.Csv(rows)), Time);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((RowCount - 1, "完全性"), (problem.Row, problem.Column));
        Assert.Equal(0, result.Imported);
        Assert.Empty(await ListAssets.HandleAsync(test.Database, org.Id));
        Assert.Equal(auditBefore, await AuditCountAsync(test.Database, org.Id));
        await using (var refused = test.Database.Open(org.Id))
        {
            Assert.Empty(await refused.RegisterImports.ToListAsync());
        }

        Assert.True((await ImportSeedAsync(test.Database, org)).Succeeded);
        await using var read = test.Database.Open(org.Id);
        Assert.Null((await Mamori.Features.Audit.VerifyAuditLog.HandleAsync(read)).Problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_every_problem_in_row_order_across_the_whole_file(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "large-co");
        var rows = Rows();
        rows[3][7] = "";
        rows[ImportAssets.BatchSize + 10][9] = "x";
        rows[(ImportAssets.BatchSize * 3) + 100][1] = rows[50][1];
        rows[RowCount - 1][10] = "3";

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Csv("large.csv", SeedRegister.Csv(rows)), Time);

        Assert.Equal(
            [(5, "機密性"), (ImportAssets.BatchSize + 12, "可用性"), ((ImportAssets.BatchSize * 3) + 102, "情報資産名称"), (RowCount + 1, "重要度")],
            result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("52", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Empty(await ListAssets.HandleAsync(test.Database, org.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_an_asset_already_registered_near_the_end_and_adds_none_of_the_file(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "large-co");
        await ImportSeedAsync(test.Database, org);
        var rows = Rows();
        rows[RowCount - 2] = SeedRegister.Rows[2];

        var result = await ImportAssets.HandleAsync(test.Database, org.Id, Files.Csv("large.csv", SeedRegister.Csv(rows)), Time);

        Assert.Equal(RowCount, Assert.Single(result.Problems).Row);
        Assert.Equal(3, (await ListAssets.HandleAsync(test.Database, org.Id)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keeps_the_file_and_records_the_import_in_one_audit_entry_of_a_chain_that_verifies(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "large-co");
        var other = await CreateOrganizationAsync(test.Database, "other-co");
        var auditBefore = await AuditCountAsync(test.Database, org.Id);
        var path = Files.Csv("stored-as.csv", SeedRegister.Csv(Rows()));
        var importer = new MamoriDatabase(test.Database.Options, new Actor("suzuki@example.jp", Time));

        var result = await ImportAssets.HandleAsync(importer, org.Id, path, Time, "台帳 2026年4月.csv");

        Assert.True(result.Succeeded);
        Assert.Equal(RowCount, result.Imported);
        await using var read = test.Database.Open(org.Id);
        Assert.Equal(RowCount, await read.Assets.CountAsync());
        Assert.Equal(
            Enumerable.Range(0, RowCount).Select(i => $"資産{i:D5}"),
            (await read.Assets.Select(a => a.Name).ToListAsync()).Order(StringComparer.Ordinal));
        var record = await read.RegisterImports.SingleAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(bytes, record.Content);
        Assert.Equal(("台帳 2026年4月.csv", bytes.LongLength, RowCount, "suzuki@example.jp", Time.GetUtcNow()), (record.FileName, record.Size, record.AssetCount, record.ImportedBy, record.ImportedAt));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), record.Sha256);
        Assert.Equal(auditBefore + 1, await AuditCountAsync(test.Database, org.Id));
        var entry = await read.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal((Mamori.Domain.Audit.AuditAction.Created, nameof(RegisterImport), record.Id.ToString(), "suzuki@example.jp"), (entry.Action, entry.EntityType, entry.EntityId, entry.Actor));
        var after = System.Text.Json.Nodes.JsonNode.Parse(entry.After!)!.AsObject();
        Assert.Equal(record.Sha256, (string?)after["Sha256"]);
        Assert.Equal(RowCount, (int?)after["AssetCount"]);
        Assert.False(after.ContainsKey("Content"));
        Assert.Null((await Mamori.Features.Audit.VerifyAuditLog.HandleAsync(read)).Problem);
        await using var theirs = test.Database.Open(other.Id);
        Assert.Empty(await theirs.RegisterImports.ToListAsync());
    }

    private static async Task<int> AuditCountAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return await db.AuditEntries.CountAsync();
    }
}

public class Importing_without_the_change_tracker : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_the_same_rows_as_a_tracked_save(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var imported = await CreateOrganizationAsync(test.Database, "bulk");
        var tracked = await CreateOrganizationAsync(test.Database, "tracked");
        await ImportSeedAsync(test.Database, imported);
        var entries = RegisterParser.Parse(Files.Csv("seed-again.csv", SeedRegister.Csv())).Entries;
        await using (var db = test.Database.Open(tracked.Id, new Actor("system", Time)))
        {
            db.Assets.AddRange(entries.Select(e => e.ToAsset(tracked.Id, DateOnly.FromDateTime(Time.GetLocalNow().DateTime))));
            await db.SaveChangesAsync();
        }

        var bulkRows = await StoredAsync(test.Database, imported.Id);
        var trackedRows = await StoredAsync(test.Database, tracked.Id);

        Assert.Equal(3, bulkRows.Count);
        Assert.Equal(trackedRows, bulkRows);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Extends_the_organizations_audit_chain_which_still_verifies(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "chained");
        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            db.Assets.Add(new InformationAsset(org.Id, "先に登録した資産", Rating.Low, Rating.Low, Rating.Low));
            await db.SaveChangesAsync();
        }

        var before = await CountAsync(test.Database, org.Id);
        await ImportSeedAsync(test.Database, org);
        Assert.Equal(before + 1, await CountAsync(test.Database, org.Id));
        await using (var db = test.Database.Open(org.Id, new Actor("system", Time)))
        {
            db.Assets.Add(new InformationAsset(org.Id, "後で登録した資産", Rating.Low, Rating.Low, Rating.Low));
            await db.SaveChangesAsync();
        }

        await using var read = test.Database.Open(org.Id);
        var verified = await Mamori.Features.Audit.VerifyAuditLog.HandleAsync(read);
        var sequences = await read.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();

        Assert.Null(verified.Problem);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(before + 2, sequences.Count);
    }

    private static async Task<int> CountAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Each asset's stored columns (derived ones included; the change time only as set or not), without ids.</summary>
    private static async Task<List<string>> StoredAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return (await db.Assets.AsNoTracking()
                .Select(a => new
                {
                    a.Name, a.BusinessCategory, a.Department, a.PersonalInformation, a.RegisteredOn, a.Version,
                    Confidentiality = a.Confidentiality.Value, Likelihood = a.Likelihood == null ? 0 : a.Likelihood.Value.Value,
                    Importance = EF.Property<int>(a, MamoriDb.StoredImportance),
                    Risk = EF.Property<int?>(a, MamoriDb.StoredRiskValue),
                    Changed = EF.Property<DateTimeOffset?>(a, MamoriDb.ChangedAt),
                })
                .ToListAsync())
            .Select(a => a with { Changed = a.Changed is null ? null : DateTimeOffset.UnixEpoch })
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => a.ToString()!)
            .ToList();
    }
}

public class The_registers_filter_values : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Are_the_organizations_distinct_categories_and_departments_in_order_without_blanks(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var mine = await CreateOrganizationAsync(test.Database, "mine");
        var other = await CreateOrganizationAsync(test.Database, "other");
        (string Category, string Department)[] rows = [("営業", "営業部"), ("経理", ""), ("営業", "総務部"), ("", "営業部"), ("人事", "人事部")];
        await using (var db = test.Database.Open(mine.Id))
        {
            db.Assets.AddRange(rows.Select((r, i) => new InformationAsset(mine.Id, $"資産{i}", Rating.Low, Rating.Low, Rating.Low) { BusinessCategory = r.Category, Department = r.Department }));
            await db.SaveChangesAsync();
        }

        await using (var db = test.Database.Open(other.Id))
        {
            db.Assets.Add(new InformationAsset(other.Id, "他社の資産", Rating.Low, Rating.Low, Rating.Low) { BusinessCategory = "他社分類", Department = "他社部署" });
            await db.SaveChangesAsync();
        }

        await using var read = test.Database.Open(mine.Id);
        var values = await RegisterFilterValues.HandleAsync(read);

        Assert.Equal(await read.Assets.Select(a => a.BusinessCategory).Where(c => c != "").Distinct().OrderBy(c => c).ToListAsync(), values.Categories);
        Assert.Equal(await read.Assets.Select(a => a.Department).Where(d => d != "").Distinct().OrderBy(d => d).ToListAsync(), values.Departments);
        Assert.Equal(3, values.Categories.Count);
        Assert.DoesNotContain("他社部署", values.Departments);
    }
}

public class Organizations_are_isolated : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_context_for_one_organization_sees_none_of_anothers_rows(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var a = await CreateOrganizationAsync(test.Database, "org-a");
        var b = await CreateOrganizationAsync(test.Database, "org-b");
        await ImportSeedAsync(test.Database, a);

        await using var asB = test.Database.Open(b.Id);
        Assert.Empty(await asB.Assets.ToListAsync());
        Assert.Empty(await asB.Assets.Where(x => x.OrganizationId == a.Id).ToListAsync());

        await using var unscoped = test.Database.Open();
        Assert.Empty(await unscoped.Assets.ToListAsync());
        Assert.Equal(3, (await ListAssets.HandleAsync(test.Database, a.Id)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_context_for_one_organization_cannot_write_anothers_rows(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var a = await CreateOrganizationAsync(test.Database, "org-a");
        var b = await CreateOrganizationAsync(test.Database, "org-b");

        await using var asA = test.Database.Open(a.Id);
        asA.Assets.Add(new InformationAsset(b.Id, "他社の資産", Rating.Low, Rating.Low, Rating.Low));

        await Assert.ThrowsAsync<InvalidOperationException>(() => asA.SaveChangesAsync());
        Assert.Empty(await ListAssets.HandleAsync(test.Database, b.Id));
    }
}

public class Storing_organizations_and_scenarios : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_slug_is_taken_only_once(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await CreateOrganizationAsync(test.Database, "yamada");

        var again = await CreateOrganization.HandleAsync(test.Database, new("yamada", "別会社"), Time);

        Assert.Null(again.Created);
        Assert.Contains("yamada", again.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_risk_band_scheme_is_kept(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await CreateOrganizationAsync(test.Database, "iso", RiskBandScheme.Iso27005);
        await CreateOrganizationAsync(test.Database, "own", RiskBandScheme.Custom(2, 9));

        var stored = (await ListOrganizations.ForSiteAdministratorAsync(test.Database)).ToDictionary(i => i.Organization.Slug, i => i.Organization.RiskBands);

        Assert.Same(RiskBandScheme.Iso27005, stored["iso"]);
        Assert.Equal(RiskBandScheme.Custom(2, 9), stored["own"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_seed_laptop_scenario_comes_back_whole(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "laptop");
        Guid scenarioId;
        await using (var db = test.Database.Open(org.Id))
        {
            var asset = new InformationAsset(org.Id, "ノートPC内の情報（データ）", Rating.High, Rating.High, Rating.Medium);
            db.Assets.Add(asset);
            var scenario = SeedExamples.LaptopScenario(org.Id, asset.Id);
            scenario.AcceptResidualRisk("営業部長", new DateOnly(2026, 4, 1));
            db.RiskScenarios.Add(scenario);
            await db.SaveChangesAsync();
            scenarioId = scenario.Id;
        }

        await using (var db = test.Database.Open(org.Id))
        {
            var stored = await db.RiskScenarios.Include(s => s.Asset).SingleAsync(s => s.Id == scenarioId);
            Assert.Equal("社外への持ち出し", stored.Threat!.Description);
            Assert.Equal("theft-of-equipment", stored.Threat.CatalogId);
            Assert.Equal(["8.5", "7.9"], stored.Controls.Select(c => c.ControlId));
            Assert.Equal("複雑なパスワードの設定", stored.Controls[0].Measure);
            Assert.Equal(["権限のないものがログインできないようにする", "不要な持ち出しを防ぐ"], stored.ProtectionRequirements);
            Assert.Single(stored.Vulnerabilities);
            Assert.Equal(RiskTreatment.Reduce, stored.Treatment);
            Assert.Equal(9, stored.InherentRisk(stored.Asset!.Importance)!.Value.Value);
            Assert.Equal(3, stored.ResidualRisk(stored.Asset.Importance)!.Value.Value);
            Assert.Equal(RelationOutcome.Reduced, RelationCheck.Evaluate(stored));
            Assert.Equal(new DateOnly(2026, 4, 1), stored.AcceptedOn);
        }

        await using (var other = test.Database.Open(Guid.NewGuid()))
        {
            Assert.False(await other.RiskScenarios.AnyAsync());
        }
    }
}
