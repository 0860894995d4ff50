using System.Diagnostics;
using System.Text.Json;

namespace Mamori.Bench.Tests;

/// <summary>
/// CI runs the benchmark suite in its quick mode only to prove that it works: every measure is
/// produced, as a table and as JSON. Its figures are not checked against anything.
/// </summary>
public class The_quick_benchmark_run
{
    private static readonly string[] Measures =
    [
        "import.sqlite", "import.peak-rss", "import.cold-process", "export.register", "policy.docx", "risk.evaluate", "start.cold",
        "assets.page.c1.p50", "assets.page.c32.p99", "assets.api.c1.p50", "assets.api.c32.p99",
        "dashboard.c1.p50", "dashboard.c32.p99", "risks.page.c1.p50", "risks.page.c32.p99",
    ];

    [Fact]
    public async Task Prints_the_table_and_writes_every_measure_as_json()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), $"mamori-bench-{Guid.NewGuid():N}.json");
        try
        {
            var (code, stdout, stderr) = await RunAsync(Path.Combine(root, "bench", "run"), ["--quick", "--out", output], TimeSpan.FromMinutes(25));

            Assert.True(code == 0, $"./bench/run --quick failed ({code}):\n{stdout}\n{stderr}");
            Assert.Contains("measure", stdout, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^measure\s+\| value\s+\| baseline \(same run\)\s+\| ratio\s+\| target\s+\| met", stdout);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            Assert.Equal("quick", json.RootElement.GetProperty("mode").GetString());
            var measures = json.RootElement.GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
            Assert.All(Measures, id => Assert.True(measures.ContainsKey(id), $"{id} is missing from the JSON"));
            Assert.All(measures.Values, m =>
            {
                var value = m.GetProperty("value").GetDouble();
                Assert.True(double.IsFinite(value) && value > 0, $"{m.GetProperty("id")} = {value}");
                Assert.Contains(m.GetProperty("name").GetString()!, stdout, StringComparison.Ordinal);
            });
            // The cold start is the product as users start it (./mamori's published command), not the bench's own server.
            Assert.Contains("mamori serve", measures["start.cold"].GetProperty("name").GetString()!, StringComparison.Ordinal);
            Assert.All(
                measures.Values.Where(m => m.GetProperty("id").GetString()!.StartsWith("assets.", StringComparison.Ordinal)),
                m => Assert.Equal("constant endpoint", m.GetProperty("baselineName").GetString()));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Runs_only_the_group_of_measures_asked_for()
    {
        var output = Path.Combine(Path.GetTempPath(), $"mamori-bench-{Guid.NewGuid():N}.json");
        try
        {
            var (code, stdout, stderr) = await RunAsync(Path.Combine(RepositoryRoot(), "bench", "run"), ["--quick", "--only", "export", "--out", output], TimeSpan.FromMinutes(8));

            Assert.True(code == 0, $"./bench/run --quick --only export failed ({code}):\n{stdout}\n{stderr}");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            Assert.Equal(["export.register"], json.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
            Assert.DoesNotContain("LibreOffice", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string[] arguments, TimeSpan limit)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./bench/run --quick did not finish within {limit.TotalMinutes} minutes.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mamori.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Mamori.slnx not found above " + AppContext.BaseDirectory);
    }
}
