using System.Diagnostics;
using System.Globalization;

namespace Mamori.Bench;

/// <summary>
/// The import's baseline: LibreOffice headless converting the same workbook to CSV, timed, with its
/// peak memory from GNU time. Null when LibreOffice is not installed.
/// </summary>
public static class LibreOfficeBaseline
{
    public sealed record Outcome(double Seconds, double? PeakMegabytes);

    public static async Task<Outcome?> ConvertAsync(string xlsx, string work)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);
        if (soffice is null)
        {
            Console.WriteLine("   LibreOffice is not installed: no baseline for the import");
            return null;
        }

        var profile = Directory.CreateDirectory(Path.Combine(work, "lo-profile"));
        var output = Directory.CreateDirectory(Path.Combine(work, "lo-out"));
        var time = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        List<string> arguments =
        [
            $"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", output.FullName, xlsx,
        ];
        var info = time is null
            ? new ProcessStartInfo(soffice, arguments)
            : new ProcessStartInfo(time, ["-f", "peak-kb %M", soffice, .. arguments]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;

        // The first start of a new profile initialises it; that is not the conversion's cost.
        await RunAsync(new ProcessStartInfo(soffice, [$"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore", "--terminate_after_init"]));
        var clock = Stopwatch.StartNew();
        var (code, error) = await RunAsync(info);
        var seconds = clock.Elapsed.TotalSeconds;
        var csv = Path.Combine(output.FullName, Path.GetFileNameWithoutExtension(xlsx) + ".csv");
        if (code != 0 || !File.Exists(csv))
        {
            throw new InvalidOperationException($"LibreOffice did not convert the register (code {code}): {error}");
        }

        var peak = error.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("peak-kb ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line["peak-kb ".Length..], CultureInfo.InvariantCulture) / 1024
            : (double?)null;
        return new(seconds, peak);
    }

    private static async Task<(int Code, string Error)> RunAsync(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
