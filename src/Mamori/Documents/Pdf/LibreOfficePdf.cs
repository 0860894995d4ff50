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
    /// The PDF, or null when LibreOffice is not installed. Throws <see cref="FileNotFoundException"/>
    /// for a missing input, <see cref="TimeoutException"/> when the conversion takes longer than two
    /// minutes (LibreOffice is killed) and <see cref="InvalidOperationException"/> when LibreOffice fails.
    /// </summary>
    public static async Task<byte[]?> ConvertAsync(string inputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        var soffice = FindExecutable();
        if (soffice is null)
        {
            return null;
        }

        var input = Path.GetFullPath(inputPath);
        if (!File.Exists(input))
        {
            throw new FileNotFoundException(null, input);
        }

        var work = Path.Combine(Path.GetTempPath(), $"mamori-lo-{Guid.NewGuid():N}");
        var profile = Path.Combine(work, "profile");
        var outDir = Path.Combine(work, "out");
        Directory.CreateDirectory(profile);
        Directory.CreateDirectory(outDir);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            string[] common = [$"-env:UserInstallation={new Uri(profile).AbsoluteUri}", "--headless", "--norestore", "--nologo", "--nodefault"];
            var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(input) + ".pdf");

            // --convert-to prints the table of contents as Word last saved it, without page
            // numbers for a document Mamori wrote; the macro updates it first. A fresh profile is
            // filled on its first start, so the macro goes in after that.
            await RunAsync(soffice, [.. common, "--terminate_after_init"], deadline.Token);
            var module = Path.Combine(profile, "user", "basic", "Standard", "Module1.xba");
            if (File.Exists(module))
            {
                await File.WriteAllTextAsync(module, Macro, deadline.Token);
                await RunAsync(soffice, [.. common, MacroCall(input, pdf)], deadline.Token);
            }

            if (!File.Exists(pdf))
            {
                var (exitCode, errors) = await RunAsync(soffice, [.. common, "--convert-to", "pdf", "--outdir", outDir, input], deadline.Token);
                if (exitCode != 0 || !File.Exists(pdf))
                {
                    throw new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, DocumentText.DocxPdfFailed, exitCode, errors));
                }
            }

            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Format(CultureInfo.CurrentCulture, DocumentText.DocxPdfTimedOut, Timeout.TotalSeconds));
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(string soffice, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(soffice)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(
            string.Format(CultureInfo.CurrentCulture, DocumentText.DocxPdfFailed, -1, soffice));
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            throw;
        }

        await Task.WhenAll(output, errors);
        return (process.ExitCode, (await errors).Trim());
    }

    private static string MacroCall(string input, string pdf) =>
        $"macro:///Standard.Module1.ToPdf(\"{new Uri(input).AbsoluteUri}\",\"{new Uri(pdf).AbsoluteUri}\")";

    /// <summary>
    /// Opens the file hidden, updates every index twice (the second pass sees the pages the first
    /// one moved) and exports it with bookmarks (the headings' outline: documents and sections),
    /// a Word file opening with the bookmarks shown. The title and author come from the file's
    /// properties. Any error leaves no PDF, so the caller falls back to --convert-to.
    /// </summary>
    private const string Macro = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
        <script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
        Sub ToPdf(source As String, target As String)
          On Error Resume Next
          Dim load(0) As New com.sun.star.beans.PropertyValue
          load(0).Name = &quot;Hidden&quot;
          load(0).Value = True
          document = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, load())
          filter = &quot;calc_pdf_Export&quot;
          Dim options(1) As New com.sun.star.beans.PropertyValue
          options(0).Name = &quot;ExportBookmarks&quot;
          options(0).Value = True
          options(1).Name = &quot;InitialView&quot;
          options(1).Value = 0
          If document.supportsService(&quot;com.sun.star.text.TextDocument&quot;) Then
            filter = &quot;writer_pdf_Export&quot;
            options(1).Value = 1
            indexes = document.getDocumentIndexes()
            For pass = 1 To 2
              For i = 0 To indexes.getCount() - 1
                indexes.getByIndex(i).update()
              Next i
            Next pass
          End If
          Dim store(1) As New com.sun.star.beans.PropertyValue
          store(0).Name = &quot;FilterName&quot;
          store(0).Value = filter
          store(1).Name = &quot;FilterData&quot;
          store(1).Value = options()
          document.storeToURL(target, store())
          document.close(True)
          StarDesktop.terminate()
        End Sub
        </script:module>
        """;

    private static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { "soffice.exe", "soffice.com" } : ["soffice"];
        var onPath = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)));
        return onPath.Concat(WellKnownPaths).FirstOrDefault(File.Exists);
    }

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
