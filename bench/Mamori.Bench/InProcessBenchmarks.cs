using BenchmarkDotNet.Attributes;
using Mamori.Data;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Soa;
using Mamori.Features.Assets;
using Mamori.Features.Policies;
using Mamori.Features.Soa;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mamori.Bench;

/// <summary>What the in-process benchmarks read, set by the runner before BenchmarkDotNet starts them.</summary>
public static class BenchInputs
{
    public static string WorkDirectory { get; set; } = Path.GetTempPath();

    /// <summary>The generated register the import and LibreOffice read.</summary>
    public static string RegisterPath { get; set; } = "";

    public static int ExportRows { get; set; } = 100_000;

    public static int Scenarios { get; set; } = 1_000_000;

    /// <summary>A PostgreSQL server on 127.0.0.1 for the import measure, or null to leave it out.</summary>
    public static string? PostgresConnection { get; set; }
}

/// <summary>Import of the generated register, all or nothing, into a fresh database each time.</summary>
public class ImportBenchmarks
{
    private MamoriDatabase? _database;
    private Guid _organizationId;
    private string? _sqliteFile;
    private string? _postgresDatabase;

    [IterationSetup(Target = nameof(ImportIntoSqlite))]
    public void SetUpSqlite()
    {
        _sqliteFile = Path.Combine(BenchInputs.WorkDirectory, $"import-{Guid.NewGuid():N}.db");
        _database = new MamoriDatabase(DatabaseOptions.Resolve(_sqliteFile, null, _ => null));
        PrepareOrganization();
    }

    [IterationSetup(Target = nameof(ImportIntoPostgres))]
    public void SetUpPostgres()
    {
        _postgresDatabase = $"mamori_bench_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(BenchInputs.PostgresConnection) { Database = _postgresDatabase };
        _database = new MamoriDatabase(DatabaseOptions.Resolve(null, builder.ConnectionString, _ => null));
        PrepareOrganization();
    }

    [Benchmark]
    public int ImportIntoSqlite() => Import();

    [Benchmark]
    public int ImportIntoPostgres() => Import();

    [IterationCleanup]
    public void CleanUp()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
            _sqliteFile = null;
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(BenchInputs.PostgresConnection);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
            _postgresDatabase = null;
        }
    }

    private void PrepareOrganization()
    {
        _database!.MigrateAsync().GetAwaiter().GetResult();
        using var db = _database.Open();
        var organization = new Organization("import", "株式会社インポート", DateTimeOffset.UtcNow);
        db.Organizations.Add(organization);
        db.SaveChanges();
        _organizationId = organization.Id;
        ImportChild.SettleCompilation();
    }

    private int Import()
    {
        var result = ImportAssets.HandleAsync(_database!, _organizationId, BenchInputs.RegisterPath, TimeProvider.System).GetAwaiter().GetResult();
        return result.Succeeded ? result.Imported : throw new InvalidOperationException(result.Problems[0].Message);
    }
}

/// <summary>Writing the register and risk analysis workbook (live formulas) from assets in memory.</summary>
public class ExportBenchmarks
{
    private List<InformationAsset> _assets = [];

    [GlobalSetup]
    public void SetUp() => _assets = BenchData.Assets(Guid.NewGuid(), BenchInputs.ExportRows).ToList();

    [Benchmark]
    public void ExportRegisterWorkbook() =>
        RegisterWorkbook.WriteAsync(Stream.Null, _assets.ToAsyncEnumerable(), RiskBandScheme.Ipa, Language.Japanese).GetAwaiter().GetResult();
}

/// <summary>The Lv.3 policy set (基本方針 and a standard for each of the 93 controls) written as Word.</summary>
public class PolicySetBenchmarks
{
    private MamoriDatabase? _database;
    private Organization? _organization;
    private string? _file;

    [GlobalSetup]
    public void SetUp()
    {
        _file = Path.Combine(BenchInputs.WorkDirectory, $"policy-{Guid.NewGuid():N}.db");
        _database = new MamoriDatabase(DatabaseOptions.Resolve(_file, null, _ => null));
        _database.MigrateAsync().GetAwaiter().GetResult();
        using var accounts = _database.Open();
        _organization = new Organization("policy", "株式会社ポリシー", DateTimeOffset.UtcNow) { Representative = "代表取締役 山田太郎" };
        accounts.Organizations.Add(_organization);
        accounts.SaveChanges();

        using var db = _database.Open(_organization.Id, new Actor("bench", TimeProvider.System));
        var officer = new Membership(_organization.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        var now = DateTimeOffset.UtcNow;
        StartPolicySet.HandleAsync(db, _organization, "佐藤", Language.Japanese, now).GetAwaiter().GetResult();
        foreach (var control in Catalogs.CatalogSet.Default.Controls)
        {
            DecideControl.HandleAsync(db, officer, _organization, new(control.Id, Applicability.Applicable, "リスク対応に必要", ImplementationStatus.Planned, null, null), "佐藤", now)
                .GetAwaiter().GetResult();
        }

        var generated = GenerateControlStandards.HandleAsync(db, officer, _organization, "佐藤", now, Language.Japanese).GetAwaiter().GetResult();
        if (generated is null || generated.Created.Count != Catalogs.CatalogSet.Default.Controls.Count)
        {
            throw new InvalidOperationException($"Expected a standard for every control, got {generated?.Created.Count}.");
        }
    }

    [Benchmark]
    public int PolicySetDocx()
    {
        using var db = _database!.Open(_organization!.Id);
        var result = ExportPolicySet.HandleAsync(db, _organization, TimeProvider.System.Today(_organization), ExportPolicySet.Format.Docx, Language.Japanese, includeDrafts: true).GetAwaiter().GetResult();
        return result.Content?.Length ?? throw new InvalidOperationException(result.Problem);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_file is not null)
        {
            File.Delete(_file);
        }
    }
}

/// <summary>
/// Risk evaluation in memory: for each scenario the likelihood, the inherent and residual risk
/// values, their bands and the seed's relation check.
/// </summary>
public class RiskEvaluationBenchmarks
{
    private ScenarioInput[] _inputs = [];

    [GlobalSetup]
    public void SetUp()
    {
        var random = new Random(BenchData.Seed);
        _inputs = new ScenarioInput[BenchInputs.Scenarios];
        for (var i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = new(
                Rating.From(random.Next(1, 4)), Rating.From(random.Next(1, 4)), Rating.From(random.Next(1, 4)), Rating.From(random.Next(1, 4)),
                random.Next(10) > 0, random.Next(3), random.Next(3), random.Next(5) == 0 ? null : (RiskTreatment)random.Next(1, 5));
        }
    }

    [Benchmark]
    public int EvaluateRisks()
    {
        var bands = RiskBandScheme.Ipa;
        var attention = 0;
        var high = 0;
        foreach (ref readonly var input in _inputs.AsSpan())
        {
            var likelihood = Likelihood.From(input.Threat, input.Vulnerability);
            var inherent = RiskValue.Of(input.Importance, likelihood);
            var residual = RiskValue.Of(input.Importance, input.Residual);
            if (bands.Classify(inherent) == RiskBand.High && bands.Classify(residual) != RiskBand.Low)
            {
                high++;
            }

            if (RelationCheck.NeedsAttention(RelationCheck.Evaluate(input.HasThreat, input.Vulnerabilities, input.Controls, input.Treatment)))
            {
                attention++;
            }
        }

        return attention + high;
    }

    private readonly record struct ScenarioInput(
        Rating Importance, Rating Threat, Rating Vulnerability, Rating Residual, bool HasThreat, int Vulnerabilities, int Controls, RiskTreatment? Treatment);
}
