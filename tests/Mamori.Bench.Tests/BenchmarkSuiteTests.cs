using System.Text.Json;
using BenchmarkDotNet.Running;
using Mamori.Bench;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Tests.Support;
using Mamori.Web.Tests;

namespace Mamori.Bench.Tests;

/// <summary>
/// The benchmark suite's parts work, on small data and in seconds: every operation it measures runs
/// once, the HTTP load reaches every page it times, and the report prints and writes every measure.
/// The measuring itself (BenchmarkDotNet's iterations, timed HTTP runs, LibreOffice, the published
/// command) is what ./bench/run does, and is not run here.
/// </summary>
public sealed class The_benchmark_suite : IDisposable
{
    private readonly TempFiles _files = new();

    public The_benchmark_suite()
    {
        BenchInputs.WorkDirectory = _files.Folder;
        BenchInputs.RegisterPath = _files.PathOf("register.xlsx");
        BenchInputs.ExportRows = 200;
        BenchInputs.Scenarios = 10_000;
        BenchInputs.PostgresConnection = TestDatabase.AdminConnectionString();
    }

    [Fact]
    public void Names_the_benchmarks_the_runner_reads_the_figures_of()
    {
        var names = new[] { typeof(ImportBenchmarks), typeof(ExportBenchmarks), typeof(PolicySetBenchmarks), typeof(RiskEvaluationBenchmarks) }
            .SelectMany(type => BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases)
            .Select(b => b.Descriptor.WorkloadMethod.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["EvaluateRisks", "ExportRegisterWorkbook", "ImportIntoPostgres", "ImportIntoSqlite", "PolicySetDocx"], names);
    }

    [Fact]
    public async Task Imports_the_generated_register_into_SQLite_and_PostgreSQL()
    {
        await BenchData.WriteRegisterAsync(BenchInputs.RegisterPath, 300);
        var import = new ImportBenchmarks();

        import.SetUpSqlite();
        Assert.Equal(300, import.ImportIntoSqlite());
        import.CleanUp();
        import.SetUpPostgres();
        Assert.Equal(300, import.ImportIntoPostgres());
        import.CleanUp();
    }

    [Fact]
    public void Exports_the_register_evaluates_risks_and_writes_the_policy_set()
    {
        var export = new ExportBenchmarks();
        export.SetUp();
        export.ExportRegisterWorkbook();

        var risks = new RiskEvaluationBenchmarks();
        risks.SetUp();
        Assert.InRange(risks.EvaluateRisks(), 1, 2 * BenchInputs.Scenarios);

        var policies = new PolicySetBenchmarks();
        policies.SetUp();
        try
        {
            Assert.True(policies.PolicySetDocx() > 10_000);
        }
        finally
        {
            policies.CleanUp();
        }
    }

    [Fact]
    public async Task Loads_every_page_it_times_with_the_generated_data()
    {
        using var host = new WebHost();
        host.UseKestrel(0);
        host.StartServer();
        var bench = await BenchData.FillAsync(host.Database, _files.PathOf("http-register.xlsx"), 120, TimeProvider.System);
        await host.UserAsync("bench@example.jp", bench, MemberRole.Administrator);
        var baseAddress = host.ClientOptions.BaseAddress;

        var cookie = await HttpLoad.SignInAsync(baseAddress, "bench@example.jp", WebHost.Password);
        using var load = new HttpLoad(baseAddress, cookie);
        foreach (var path in new[] { "/o/bench/assets", "/api/v1/organizations/bench/assets?pageSize=50", "/o/bench", "/o/bench/risks" })
        {
            var result = await load.RunAsync(path, concurrency: 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50));

            Assert.True(result.Requests > 0 && result.Failures == 0, $"{path}: {result.Requests} requests, {result.Failures} failed");
            Assert.True(result.P50 > 0 && result.P99 >= result.P50, $"{path}: p50 {result.P50}, p99 {result.P99}");
        }
    }

    [Fact]
    public void Reports_every_measure_as_a_table_and_as_json()
    {
        var measures = new[]
        {
            new Measure("import.sqlite", "import 2,000 rows xlsx → SQLite", 0.25, "s", 2.5, "LibreOffice → CSV", "≤ 1.5 s", m => m.Value <= 1.5),
            new Measure("assets.page.c1.p50", "asset list page p50, 1 clients", 4.2, "ms", 0.3, "constant endpoint", "—", null),
        };
        var report = new Report("quick", DateTimeOffset.UnixEpoch, 2, "10.0", "Linux", new Dictionary<string, int> { ["importRows"] = 2_000 }, measures);

        var table = report.ToTable();
        using var json = JsonDocument.Parse(report.ToJson());

        Assert.Matches(@"(?m)^measure\s+\| value\s+\| baseline \(same run\)\s+\| ratio\s+\| target\s+\| met", table);
        Assert.All(measures, m => Assert.Contains(m.Name, table, StringComparison.Ordinal));
        Assert.Contains("0.10×", table, StringComparison.Ordinal);
        Assert.Equal("quick", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(
            ["import.sqlite", "assets.page.c1.p50"],
            json.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Dispose();
    }
}
