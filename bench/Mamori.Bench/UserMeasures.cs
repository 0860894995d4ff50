using Mamori.Domain;
using System.Diagnostics;
using System.Globalization;
using Mamori.Documents;
using Mamori.Import;

namespace Mamori.Bench;

/// <summary>
/// The register measured as users meet it: a register generated from the fixed seed as CSV, turned
/// into an .xlsx by LibreOffice (shared strings, as Excel writes them) in the same run, then the
/// whole `mamori` process for each command, timed from outside with its peak memory (GNU time), and
/// the same workbook uploaded to `mamori serve` (<see cref="UploadMeasures"/>).
/// </summary>
public static class UserMeasures
{
    private static readonly string[] CommandMeasures =
        ["user.import.xlsx", "user.import.xlsx.rss", "user.import.csv", "user.import.csv.rss", "user.export.xlsx", "user.orgs.list", "user.orgs.list.cpu"];

    /// <param name="rows">The large register's rows; the small upload has a tenth of them.</param>
    /// <param name="idleLoad">How long the register page is measured with no upload running (the neighbour's baseline).</param>
    /// <param name="wanted">Whether a measure (by id) was asked for; the others are neither run nor reported.</param>
    public static async Task<List<Measure>> RunAsync(string product, string work, int rows, TimeSpan idleLoad, Func<string, bool> wanted)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("LibreOffice is not installed: the user measures need it to write the register.");
        var profile = $"-env:UserInstallation=file://{Directory.CreateDirectory(Path.Combine(work, "user-lo-profile")).FullName}";
        await RunAsync(soffice, [profile, "--headless", "--norestore", "--terminate_after_init"]);

        var (csv, xlsx) = await WriteRegisterAsync(soffice, profile, work, "user-register", rows);
        var toCsv = await LibreOfficeBaseline.ConvertAsync(xlsx, work);
        var measures = new List<Measure>();
        if (CommandMeasures.Any(wanted))
        {
            measures.AddRange(await CommandsAsync(product, work, rows, csv, xlsx, toCsv));
        }

        if (UploadMeasures.Ids.Any(wanted))
        {
            var smallRows = Math.Max(1, rows / 10);
            var (_, smallXlsx) = await WriteRegisterAsync(soffice, profile, work, "user-register-small", smallRows);
            var smallToCsv = await LibreOfficeBaseline.ConvertAsync(smallXlsx, work);
            measures.AddRange(await UploadMeasures.RunAsync(product, work, new(xlsx, rows, toCsv), new(smallXlsx, smallRows, smallToCsv), idleLoad));
        }

        measures.RemoveAll(m => !wanted(m.Id));
        return measures;
    }

    /// <summary>The generated register as CSV (Mamori's export) and as LibreOffice's .xlsx of that CSV.</summary>
    private static async Task<(string Csv, string Xlsx)> WriteRegisterAsync(string soffice, string profile, string work, string name, int rows)
    {
        var csv = Path.Combine(work, $"{name}.csv");
        await using (var file = File.Create(csv))
        {
            await RegisterExport.WriteCsvAsync(file, BenchData.Assets(Guid.Empty, rows).ToAsyncEnumerable(), Language.Japanese);
        }

        await RunAsync(soffice, [profile, "--headless", "--norestore", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, csv]);
        return (csv, Path.ChangeExtension(csv, ".xlsx"));
    }

    private static async Task<List<Measure>> CommandsAsync(string product, string work, int rows, string csv, string xlsx, LibreOfficeBaseline.Outcome? toCsv)
    {
        var count = rows.ToString("N0", CultureInfo.InvariantCulture);
        var measures = new List<Measure>();

        async Task<Timed> Mamori(string db, params string[] arguments) =>
            await TimeAsync("dotnet", [product, .. arguments, "--db", db]);

        var importDb = Path.Combine(work, "user-xlsx.db");
        await Mamori(importDb, "orgs", "create", "bench", "--name", "Bench");
        var xlsxImport = await Mamori(importDb, "assets", "import", xlsx, "--org", "bench");
        measures.Add(new("user.import.xlsx", $"mamori assets import, {count} rows, LibreOffice-written xlsx (whole process)", xlsxImport.Seconds, "s",
            toCsv?.Seconds, "LibreOffice xlsx → CSV", "≤ 6 s", m => m.Value <= 6));
        measures.Add(new("user.import.xlsx.rss", $"peak RSS of that import", xlsxImport.PeakMegabytes, "MB",
            toCsv?.PeakMegabytes, "LibreOffice xlsx → CSV", "≤ 400 MB", m => m.Value <= 400));

        var csvDb = Path.Combine(work, "user-csv.db");
        await Mamori(csvDb, "orgs", "create", "bench", "--name", "Bench");
        var csvImport = await Mamori(csvDb, "assets", "import", csv, "--org", "bench");
        measures.Add(new("user.import.csv", $"mamori assets import, {count} rows, CSV (whole process)", csvImport.Seconds, "s",
            toCsv?.Seconds, "LibreOffice xlsx → CSV", "≤ 6 s", m => m.Value <= 6));
        measures.Add(new("user.import.csv.rss", $"peak RSS of that import", csvImport.PeakMegabytes, "MB",
            toCsv?.PeakMegabytes, "LibreOffice xlsx → CSV", "≤ 400 MB", m => m.Value <= 400));

        var exported = Path.Combine(work, "user-export.xlsx");
        var export = await Mamori(importDb, "export", "register", "--org", "bench", "--format", "xlsx", "--out", exported);
        await using (var reopened = File.OpenRead(exported))
        {
            var read = XlsxSheetReader.Read(reopened).Count() - 1;
            if (read != rows)
            {
                throw new InvalidOperationException($"The exported register reopened with {read} rows, not {rows}.");
            }
        }

        measures.Add(new("user.export.xlsx", $"mamori export register, {count} rows xlsx (whole process, file reopened)", export.Seconds, "s",
            toCsv?.Seconds, "LibreOffice xlsx → CSV", "≤ 4 s", m => m.Value <= 4));

        // Three runs, the median: the command takes well under a second, and one run of a shared machine's noise would decide it.
        var lists = new List<Timed>();
        for (var i = 0; i < 3; i++)
        {
            lists.Add(await Mamori(importDb, "orgs", "list"));
        }

        var list = lists.OrderBy(t => t.Seconds).ElementAt(1);
        measures.Add(new("user.orgs.list", "mamori orgs list (whole process, median of 3)", list.Seconds, "s", null, null, "≤ 0.6 s", m => m.Value <= 0.6));
        // The CPU it used (user + system), which a loaded machine inflates far less than the elapsed time.
        measures.Add(new("user.orgs.list.cpu", "CPU time of that command (user + system)", list.CpuSeconds, "s", null, null, "—", null));
        return measures;
    }

    internal sealed record Timed(double Seconds, double PeakMegabytes, double CpuSeconds);

    /// <summary>Runs a process to its end under GNU time; throws if it fails.</summary>
    internal static async Task<Timed> TimeAsync(string fileName, IEnumerable<string> arguments)
    {
        var clock = Stopwatch.StartNew();
        var error = await RunAsync("/usr/bin/time", ["-f", "peak-kb %M cpu %U %S", fileName, .. arguments]);
        var seconds = clock.Elapsed.TotalSeconds;
        var figures = error.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("peak-kb ", StringComparison.Ordinal)).Split(' ');
        var cpu = double.Parse(figures[3], CultureInfo.InvariantCulture) + double.Parse(figures[4], CultureInfo.InvariantCulture);
        Console.WriteLine($"   {string.Join(' ', arguments.Skip(1).Take(3))}: {seconds:0.000} s (CPU {cpu:0.00} s)");
        return new(seconds, double.Parse(figures[1], CultureInfo.InvariantCulture) / 1024, cpu);
    }

    private static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        var output = await stdout;
        var error = await stderr;
        return process.ExitCode == 0
            ? error
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output} {error}");
    }
}
