using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mamori.Data;

namespace Mamori.Bench;

/// <summary>
/// The whole suite: generates the data, measures in process with BenchmarkDotNet, measures HTTP on
/// 127.0.0.1 against a separate server process, runs the baselines in the same run, and reports.
/// </summary>
public static class BenchRunner
{
    internal const string AdminEmail = "bench@example.jp";
    internal const string AdminPassword = "bench-password-2026";

    private sealed record Sizes(int HttpAssets, int ImportRows, int ExportRows, int Scenarios, TimeSpan HttpDuration, TimeSpan HttpWarmUp, int Warmups, int Iterations, int ColdStarts);

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "bench-results.json";
        var sizes = quick
            ? new Sizes(1_000, 2_000, 2_000, 1_000_000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.3), 0, 1, 1)
            : new Sizes(10_000, 100_000, 100_000, 1_000_000, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 1, 5, 5);
        var iterationsIndex = Array.IndexOf(args, "--iterations");
        if (iterationsIndex >= 0 && iterationsIndex + 1 < args.Length)
        {
            sizes = sizes with { Iterations = int.Parse(args[iterationsIndex + 1], CultureInfo.InvariantCulture) };
        }

        // --only export: just the measures named export.*, and only the work they need.
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
        // A measure id (import.sqlite) or the group it belongs to (import).
        bool Wanted(string measure) => only is null || measure == only || measure.StartsWith(only + ".", StringComparison.Ordinal);
        var productIndex = Array.IndexOf(args, "--product");
        var product = productIndex >= 0 && productIndex + 1 < args.Length ? Path.GetFullPath(args[productIndex + 1]) : null;

        var started = DateTimeOffset.UtcNow;
        var work = Directory.CreateTempSubdirectory("mamori-bench-");
        var measures = new List<Measure>();
        try
        {
            BenchInputs.WorkDirectory = work.FullName;
            BenchInputs.RegisterPath = Path.Combine(work.FullName, "register.xlsx");
            BenchInputs.ExportRows = sizes.ExportRows;
            BenchInputs.Scenarios = sizes.Scenarios;
            BenchInputs.PostgresConnection = Environment.GetEnvironmentVariable("MAMORI_BENCH_POSTGRES");

            if (args.Contains("--http-only"))
            {
                Progress($"HTTP only: a register of {sizes.HttpAssets:N0} assets, server on 127.0.0.1");
                measures.AddRange(await RunHttpAsync(sizes, work.FullName, product));
                return await WriteReportAsync(quick, output, started, sizes, measures);
            }

            var onlyUser = only is not null && (only == "user" || only.StartsWith("user.", StringComparison.Ordinal));
            if (product is not null && (only is null || onlyUser))
            {
                Progress($"as users meet it: the mamori command and mamori serve on a LibreOffice-written register of {sizes.ImportRows:N0} rows");
                measures.AddRange(await UserMeasures.RunAsync(product, work.FullName, sizes.ImportRows, sizes.HttpDuration, Wanted));
                if (onlyUser)
                {
                    return await WriteReportAsync(quick, output, started, sizes, measures);
                }
            }

            var onlyBook = only is not null && (only == "book" || only.StartsWith("book.", StringComparison.Ordinal));
            if (product is not null && (only is null || onlyBook))
            {
                Progress("the whole policy book as users export it: mamori export policy (docx, PDF) on a prepared database");
                measures.AddRange(await BookMeasures.RunAsync(product, work.FullName, quick, Wanted));
                if (onlyBook)
                {
                    return await WriteReportAsync(quick, output, started, sizes, measures);
                }
            }

            LibreOfficeBaseline.Outcome? libreOffice = null;
            var child = new ImportChild.Outcome(0, double.NaN, double.NaN);
            if (Wanted("import"))
            {
                Progress($"generating a register of {sizes.ImportRows:N0} rows");
                await BenchData.WriteRegisterAsync(BenchInputs.RegisterPath, sizes.ImportRows);

                Progress("LibreOffice converting the same register to CSV (baseline)");
                libreOffice = await LibreOfficeBaseline.ConvertAsync(BenchInputs.RegisterPath, work.FullName);

                Progress("import in a fresh process (peak memory)");
                child = await RunImportChildAsync(BenchInputs.RegisterPath);
            }

            Progress("in-process measures (BenchmarkDotNet)");
            var inProcess = RunBenchmarkDotNet(sizes, quick, work.FullName, only);

            var rows = sizes.ImportRows.ToString("N0", CultureInfo.InvariantCulture);
            measures.Add(new("import.sqlite", $"import {rows} rows xlsx → SQLite", inProcess["ImportIntoSqlite"], "s", libreOffice?.Seconds, "LibreOffice → CSV",
                "≤ 1.5 s and ≤ 0.17× LibreOffice", m => m.Value <= 1.5 && (m.Ratio is null || m.Ratio <= 1.0 / 6)));
            if (inProcess.TryGetValue("ImportIntoPostgres", out var postgres))
            {
                measures.Add(new("import.postgres", $"import {rows} rows xlsx → PostgreSQL", postgres, "s", libreOffice?.Seconds, "LibreOffice → CSV",
                    "≤ 1.5 s and ≤ 0.17× LibreOffice", m => m.Value <= 1.5 && (m.Ratio is null || m.Ratio <= 1.0 / 6)));
            }

            measures.Add(new("import.peak-rss", $"peak RSS, import {rows} rows (own process)", child.PeakRssMegabytes, "MB", libreOffice?.PeakMegabytes, "LibreOffice → CSV",
                "≤ 400 MB", m => m.Value <= 400));
            measures.Add(new("import.cold-process", $"import {rows} rows, fresh process (incl. JIT)", child.Seconds, "s", libreOffice?.Seconds, "LibreOffice → CSV", "—", null));

            measures.Add(new("export.register", $"export register + risk sheet {sizes.ExportRows.ToString("N0", CultureInfo.InvariantCulture)} rows xlsx", inProcess["ExportRegisterWorkbook"], "s", null, null,
                "≤ 3 s", m => m.Value <= 3));
            measures.Add(new("policy.docx", "policy set docx, Lv.3 (93 controls)", inProcess["PolicySetDocx"], "s", null, null, "≤ 0.5 s", m => m.Value <= 0.5));
            measures.Add(new("risk.evaluate", $"risk evaluation of {sizes.Scenarios.ToString("N0", CultureInfo.InvariantCulture)} scenarios", inProcess["EvaluateRisks"] * 1000, "ms", null, null,
                "≤ 50 ms", m => m.Value <= 50));

            measures.RemoveAll(m => !Wanted(m.Id));
            if (only is null)
            {
                Progress($"HTTP: a register of {sizes.HttpAssets:N0} assets, server on 127.0.0.1");
                measures.AddRange(await RunHttpAsync(sizes, work.FullName, product));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }

        return await WriteReportAsync(quick, output, started, sizes, measures);
    }

    private static async Task<int> WriteReportAsync(bool quick, string output, DateTimeOffset started, Sizes sizes, List<Measure> measures)
    {
        var checkedMeasures = measures.Select(m => m with { Met = quick || m.Check is null ? null : m.Check(m) }).ToList();
        var report = new Report(
            quick ? "quick" : "full", started, Environment.ProcessorCount, Environment.Version.ToString(), System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            new Dictionary<string, int>
            {
                ["httpAssets"] = sizes.HttpAssets,
                ["importRows"] = sizes.ImportRows,
                ["exportRows"] = sizes.ExportRows,
                ["scenarios"] = sizes.Scenarios,
            },
            checkedMeasures);
        Console.WriteLine();
        Console.WriteLine(report.ToTable());
        if (quick)
        {
            Console.WriteLine("quick run: smaller data, short runs; it proves the suite works, its figures are not compared with the targets.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report.ToJson());
        Console.WriteLine($"written: {output}");
        return 0;
    }

    /// <param name="only">A measure name's first part (import, export, policy, risk), which the benchmark class's name starts with; null for all.</param>
    private static Dictionary<string, double> RunBenchmarkDotNet(Sizes sizes, bool quick, string work, string? only)
    {
        // In process, with a fixed number of single-invocation iterations: each operation here takes
        // milliseconds to seconds, and a separately built benchmark process would only add minutes.
        var job = Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: !quick))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(sizes.Warmups)
            .WithIterationCount(sizes.Iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1);
        var withPostgres = BenchInputs.PostgresConnection is not null;
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(quick ? NullLogger.Instance : ConsoleLogger.Default)
            .AddFilter(new SimpleFilter(b => withPostgres || b.Descriptor.WorkloadMethod.Name != nameof(ImportBenchmarks.ImportIntoPostgres)))
            .AddFilter(new SimpleFilter(b => only is null || b.Descriptor.Type.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase)))
            .WithArtifactsPath(Path.Combine(work, "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkRunner.Run([typeof(ImportBenchmarks), typeof(ExportBenchmarks), typeof(PolicySetBenchmarks), typeof(RiskEvaluationBenchmarks)], config);
        var medians = new Dictionary<string, double>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            medians[name] = report.ResultStatistics?.Median / 1e9
                ?? throw new InvalidOperationException($"BenchmarkDotNet measured nothing for {name}.");
        }

        foreach (var expected in new[] { "ImportIntoSqlite", "ExportRegisterWorkbook", "PolicySetDocx", "EvaluateRisks" })
        {
            if (only is not null && !medians.ContainsKey(expected))
            {
                // Not asked for: the measure is left out of the report.
                medians[expected] = double.NaN;
            }
            else if (!medians.ContainsKey(expected))
            {
                var errors = string.Join("; ", summaries.SelectMany(s => s.ValidationErrors).Select(e => e.Message));
                throw new InvalidOperationException($"BenchmarkDotNet did not run {expected}. {errors}");
            }
        }

        return medians;
    }

    private static async Task<ImportChild.Outcome> RunImportChildAsync(string register)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!, ["import-child", register]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<ImportChild.Outcome>(text)!
            : throw new InvalidOperationException($"The import process failed with code {process.ExitCode}.");
    }

    private static async Task<List<Measure>> RunHttpAsync(Sizes sizes, string work, string? product)
    {
        var file = Path.Combine(work, "http.db");
        var database = new MamoriDatabase(DatabaseOptions.Resolve(file, null, _ => null));
        await BenchData.FillAsync(database, Path.Combine(work, "http-register.xlsx"), sizes.HttpAssets, TimeProvider.System);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var measures = new List<Measure>();
        if (product is not null)
        {
            measures.Add(await MeasureProductColdStartAsync(product, file, sizes.ColdStarts));
        }

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var clock = Stopwatch.StartNew();
        using var server = StartServer(Environment.ProcessPath!, ["serve", "--db", file, "--urls", baseAddress.ToString()], "server");
        try
        {
            var coldStart = await HttpLoad.WaitForAsync(baseAddress, "/account/signin", clock, TimeSpan.FromSeconds(60), server);
            if (product is null)
            {
                measures.Add(new("start.cold", "cold start to the first served page (bench server, JIT)", coldStart.TotalSeconds, "s", null, null, "≤ 2 s", m => m.Value <= 2));
            }

            var cookie = await HttpLoad.SignInAsync(baseAddress, AdminEmail, AdminPassword);
            using var load = new HttpLoad(baseAddress, cookie);
            (string Id, string Name, string Path, double? P50Target, double? P99Target)[] targets =
            [
                ("assets.page", "asset list page", "/o/bench/assets", 25, 60),
                ("assets.api", "asset list API", "/api/v1/organizations/bench/assets?pageSize=50", 25, 60),
                ("dashboard", "dashboard", "/o/bench", 40, null),
                ("risks.page", "risk list page", "/o/bench/risks", 25, 60),
            ];
            foreach (var concurrency in new[] { 1, 32 })
            {
                var ceiling = await load.RunAsync(BenchServer.ConstantPath, concurrency, sizes.HttpDuration, sizes.HttpWarmUp);
                Progress($"  constant endpoint, {concurrency} clients: p50 {ceiling.P50:0.00} ms, {ceiling.Requests} requests");
                foreach (var (id, name, path, p50Target, p99Target) in targets)
                {
                    var result = await load.RunAsync(path, concurrency, sizes.HttpDuration, sizes.HttpWarmUp);
                    Progress($"  {name}, {concurrency} clients: p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, {result.Requests} requests, {result.Failures} failed");
                    if (result.Failures > 0)
                    {
                        throw new InvalidOperationException($"{path}: {result.Failures} of {result.Requests} requests did not answer 200.");
                    }

                    var atTargetLoad = concurrency == 32;
                    measures.Add(new($"{id}.c{concurrency}.p50", $"{name} p50, {concurrency} clients", result.P50, "ms", ceiling.P50, "constant endpoint",
                        atTargetLoad && p50Target is { } p50 ? $"≤ {p50} ms" : "—",
                        atTargetLoad && p50Target is { } p50Check ? m => m.Value <= p50Check : null));
                    measures.Add(new($"{id}.c{concurrency}.p99", $"{name} p99, {concurrency} clients", result.P99, "ms", ceiling.P99, "constant endpoint",
                        atTargetLoad && p99Target is { } p99 ? $"≤ {p99} ms" : "—",
                        atTargetLoad && p99Target is { } p99Check ? m => m.Value <= p99Check : null));
                }
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        return measures;
    }

    /// <summary>
    /// The product as users start it (`./mamori serve`: the published command, ReadyToRun) on a
    /// copy of the prepared file, from process start until the sign-in page answers 200: the
    /// median of <paramref name="starts"/> fresh processes, each on a fresh copy, so every start
    /// applies the start-up work of a first start (first administrator, data-protection key).
    /// </summary>
    private static async Task<Measure> MeasureProductColdStartAsync(string product, string preparedFile, int starts)
    {
        var seconds = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var file = Path.Combine(Path.GetDirectoryName(preparedFile)!, $"cold-{i}.db");
            File.Copy(preparedFile, file, overwrite: true);
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
            var clock = Stopwatch.StartNew();
            using var server = StartServer("dotnet", [product, "serve", "--db", file, "--urls", baseAddress.ToString()], "mamori serve");
            try
            {
                seconds.Add((await HttpLoad.WaitForAsync(baseAddress, "/account/signin", clock, TimeSpan.FromSeconds(60), server)).TotalSeconds);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            Progress($"  cold start of mamori serve {i + 1}/{starts}: {seconds[^1]:0.000} s");
        }

        seconds.Sort();
        var median = seconds.Count % 2 == 1 ? seconds[seconds.Count / 2] : (seconds[(seconds.Count / 2) - 1] + seconds[seconds.Count / 2]) / 2;
        return new("start.cold", $"cold start to the first served page (mamori serve, median of {starts})", median, "s", null, null, "≤ 2 s", m => m.Value <= 2);
    }

    /// <summary>A server process signed up with the bench administrator; its errors are echoed under <paramref name="label"/>.</summary>
    internal static Process StartServer(string fileName, IEnumerable<string> arguments, string label)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["MAMORI_ADMIN_EMAIL"] = AdminEmail;
        info.Environment["MAMORI_ADMIN_PASSWORD"] = AdminPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var server = Process.Start(info)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"{label}: {e.Data}");
            }
        };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Progress(string message) => Console.WriteLine($"== {message}");
}
