using System.Diagnostics;
using System.Globalization;
using Mamori.Resources;

namespace Mamori.Documents.Pdf;

/// <summary>
/// Turns a .docx or .xlsx into PDF with LibreOffice running headless. Each conversion gets its
/// own LibreOffice profile, since two soffice processes sharing one hand the work to each other
/// or fail on its lock.
/// </summary>
public static class LibreOfficePdf
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly string[] WellKnownPaths =
    [
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ];

    /// <summary>Whether LibreOffice is installed, so the UI can say when PDF cannot be made.</summary>
    public static bool IsAvailable => FindExecutable() is not null;

    /// <summary>
    /// The PDF, or null when LibreOffice is not installed. Throws <see cref="TimeoutException"/> when
    /// the conversion takes longer than two minutes and <see cref="InvalidOperationException"/>
    /// when LibreOffice fails.
    /// </summary>
    public static async Task<byte[]?> ConvertAsync(string inputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        var soffice = FindExecutable();
        if (soffice is null)
        {
            return null;
        }

        var work = Path.Combine(Path.GetTempPath(), $"mamori-lo-{Guid.NewGuid():N}");
        var profile = Path.Combine(work, "profile");
        var outDir = Path.Combine(work, "out");
        Directory.CreateDirectory(profile);
        Directory.CreateDirectory(outDir);
        try
        {
            var start = new ProcessStartInfo(soffice)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = work,
            };
            foreach (var argument in new[]
            {
                $"-env:UserInstallation={new Uri(profile).AbsoluteUri}",
                "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                "--convert-to", "pdf", "--outdir", outDir, Path.GetFullPath(inputPath),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException(Failed(-1, ""));
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                KillTree(process);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException(string.Format(
                    CultureInfo.CurrentCulture, DocumentText.DocxPdfTimedOut, Timeout.TotalSeconds));
            }

            await Task.WhenAll(output, errors);
            var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(inputPath) + ".pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                throw new InvalidOperationException(Failed(process.ExitCode, (await errors).Trim()));
            }

            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { "soffice.exe", "soffice.com" } : ["soffice"];
        var onPath = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)));
        return onPath.Concat(WellKnownPaths).FirstOrDefault(File.Exists);
    }

    private static string Failed(int exitCode, string detail) =>
        string.Format(CultureInfo.CurrentCulture, DocumentText.DocxPdfFailed, exitCode, detail);

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A killed process may still hold a file for a moment; the temp folder is swept anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
