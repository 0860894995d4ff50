using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Assets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mamori.Bench;

/// <summary>The product's web application as Program.cs builds it, plus a constant endpoint as the HTTP ceiling.</summary>
public static class BenchServer
{
    public const string ConstantPath = "/bench/constant";

    public static async Task<int> RunAsync(string[] args)
    {
        var app = Web.WebApp.Build(args);
        app.MapGet(ConstantPath, () => "ok").AllowAnonymous();
        await app.RunAsync();
        return 0;
    }
}

/// <summary>One import in a process of its own, reporting its time and the process's peak resident memory.</summary>
public static class ImportChild
{
    public sealed record Outcome(int Imported, double Seconds, double PeakRssMegabytes);

    /// <summary>
    /// Waits until the runtime has stopped compiling (no new method for half a second, at most ten
    /// seconds). Preparing a fresh database runs the migrations, whose code the tiered JIT then
    /// recompiles in the background for a second or more; a server migrates once, at start-up, so an
    /// import measured while that goes on would be charged for work no user's import waits for.
    /// </summary>
    public static void SettleCompilation()
    {
        var deadline = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(500);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }

    /// <summary>Migrates <paramref name="database"/> and adds an organization with nothing in it.</summary>
    public static async Task<Guid> EmptyOrganizationAsync(MamoriDatabase database, string slug, string name)
    {
        await database.MigrateAsync();
        await using var db = database.Open();
        var organization = new Organization(slug, name, DateTimeOffset.UtcNow);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    public static async Task<int> RunAsync(string register)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(register))!, $"rss-{Guid.NewGuid():N}.db");
        try
        {
            var database = new MamoriDatabase(DatabaseOptions.Resolve(file, null, _ => null));
            var organizationId = await EmptyOrganizationAsync(database, "rss", "株式会社メモリ");

            var clock = Stopwatch.StartNew();
            var result = await ImportAssets.HandleAsync(database, organizationId, register, TimeProvider.System);
            var seconds = clock.Elapsed.TotalSeconds;
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(result.Problems[0].Message);
                return 1;
            }

            Console.WriteLine(JsonSerializer.Serialize(new Outcome(result.Imported, seconds, PeakRssMegabytes())));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>Imports the register <paramref name="times"/> times in this process, each into a fresh database, printing each time.</summary>
    public static async Task<int> RepeatAsync(string register, int times, string? postgres)
    {
        for (var i = 0; i < times; i++)
        {
            var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(register))!, $"repeat-{Guid.NewGuid():N}.db");
            var postgresDatabase = $"mamori_repeat_{Guid.NewGuid():N}";
            var connection = postgres is null ? null : new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = postgresDatabase }.ConnectionString;
            var database = new MamoriDatabase(DatabaseOptions.Resolve(postgres is null ? file : null, connection, _ => null));
            try
            {
                var organizationId = await ImportChild.EmptyOrganizationAsync(database, "repeat", "株式会社リピート");
                SettleCompilation();

                var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
                var paused = GC.GetTotalPauseDuration();
                var clock = Stopwatch.StartNew();
                var result = await ImportAssets.HandleAsync(database, organizationId, register, TimeProvider.System);
                var elapsed = clock.Elapsed;
                var during = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"import {i + 1}: {elapsed.TotalSeconds:F3} s, {result.Imported} rows, {result.Problems.Count} problems; GC {during} (gen0/1/2), paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms"));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(file);
                if (postgres is not null)
                {
                    Npgsql.NpgsqlConnection.ClearAllPools();
                    await using var admin = new Npgsql.NpgsqlConnection(postgres);
                    await admin.OpenAsync();
                    await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync();
                }
            }
        }

        return 0;
    }

    /// <summary>VmHWM: the most resident memory this process has had.</summary>
    public static double PeakRssMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = double.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return kilobytes / 1024;
    }
}
