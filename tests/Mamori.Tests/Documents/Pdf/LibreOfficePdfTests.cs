using System.Globalization;
using Mamori.Documents.Docx;
using Mamori.Documents.Pdf;
using Mamori.Tests.Documents.Docx;
using Mamori.Tests.Support;

namespace Mamori.Tests.Documents.Pdf;

/// <summary>
/// Needs LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext); like the PostgreSQL tests,
/// these fail rather than skip when the tools are missing.
/// One collection with the book tests: the cancellation test looks for the soffice this process
/// started, so no other conversion may run beside it.
/// </summary>
[Collection("LibreOffice")]
public sealed class Converting_a_policy_to_PDF : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly TempFiles _files = new();

    [Fact]
    public async Task Gives_pages_holding_the_Japanese_text()
    {
        Assert.True(LibreOfficePdf.IsAvailable, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer");
        var docx = WriteDocx("policy.docx");

        using var limit = new CancellationTokenSource(Limit);
        var pdf = await LibreOfficePdf.ConvertAsync(docx, limit.Token);

        Assert.NotNull(pdf);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var path = _files.Bytes("policy.pdf", pdf);
        Assert.True(Pages(path) > 0);

        var text = await Books.ExportedBook.Tool("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains("株式会社山田商事", text, StringComparison.Ordinal);
        Assert.Contains("情報セキュリティ基本方針", text, StringComparison.Ordinal);
        Assert.Contains("適用範囲", text, StringComparison.Ordinal);
        Assert.Contains("システム管理者", text, StringComparison.Ordinal);

        // The table of contents was updated before printing: its entries end in page numbers.
        Assert.Matches(@"情報セキュリティ基本方針\.{3,}\s*\d+", text);
        Assert.Matches(@"情報セキュリティ対策基準\.{3,}\s*\d+", text);
    }

    [Fact]
    public async Task Runs_two_conversions_at_once()
    {
        Assert.True(LibreOfficePdf.IsAvailable, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer");
        var first = WriteDocx("first.docx");
        var second = WriteDocx("second.docx");

        using var limit = new CancellationTokenSource(Limit);
        var pdfs = await Task.WhenAll(LibreOfficePdf.ConvertAsync(first, limit.Token), LibreOfficePdf.ConvertAsync(second, limit.Token));

        Assert.All(pdfs, pdf => Assert.True(pdf is { Length: > 1000 }));
    }

    [Fact]
    public async Task Refuses_a_missing_file()
    {
        Assert.True(LibreOfficePdf.IsAvailable, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer");
        var missing = _files.PathOf("missing.docx");

        await Assert.ThrowsAsync<FileNotFoundException>(() => LibreOfficePdf.ConvertAsync(missing));
    }

    [Fact]
    public async Task Stops_when_the_caller_cancels_and_leaves_no_profile_behind()
    {
        Assert.True(LibreOfficePdf.IsAvailable, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer");
        var docx = WriteDocx("cancelled.docx");
        using var cancel = new CancellationTokenSource();

        var converting = LibreOfficePdf.ConvertAsync(docx, cancel.Token);
        // Cancelled once LibreOffice runs on its own profile, not before it started nor after it finished.
        var soffice = await SofficeOfThisProcessAsync(converting);
        Assert.True(Directory.Exists(soffice.Folder), $"{soffice.Folder} does not exist while soffice runs");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => converting);
        Assert.False(Directory.Exists(soffice.Folder), $"{soffice.Folder} was left behind");
        Assert.False(IsRunning(soffice.Id), $"soffice ({soffice.Id}) still runs");
    }

    /// <summary>The soffice process this test process started, once it runs: its id and the conversion's folder, which holds its profile.</summary>
    private static async Task<(int Id, string Folder)> SofficeOfThisProcessAsync(Task converting)
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        while (!converting.IsCompleted)
        {
            foreach (var process in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)))
            {
                try
                {
                    var status = File.ReadAllLines($"/proc/{process}/status");
                    var arguments = File.ReadAllText($"/proc/{process}/cmdline").Split('\0');
                    var profile = arguments.FirstOrDefault(a => a.StartsWith("-env:UserInstallation=", StringComparison.Ordinal));
                    if (status.Contains($"PPid:\t{self}") && profile is not null && profile.Contains("/mamori-lo-", StringComparison.Ordinal))
                    {
                        return (int.Parse(process!, CultureInfo.InvariantCulture), Path.GetDirectoryName(new Uri(profile["-env:UserInstallation=".Length..]).LocalPath)!);
                    }
                }
                catch (IOException)
                {
                    // It ended between the listing and the reading.
                }
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException("The conversion ended before soffice was seen running.");
    }

    private static bool IsRunning(int id) =>
        File.Exists($"/proc/{id}/status") && !File.ReadAllLines($"/proc/{id}/status").Contains("State:\tZ (zombie)");

    public void Dispose() => _files.Dispose();

    private string WriteDocx(string name)
    {
        var path = _files.PathOf(name);
        using var file = File.Create(path);
        PolicyDocx.Write(file, [SamplePolicies.Japanese(), SamplePolicies.Japanese("情報セキュリティ対策基準", "ISMS-002")]);
        return path;
    }

    private static int Pages(string pdf)
    {
        var info = Books.ExportedBook.Tool("pdfinfo", pdf).GetAwaiter().GetResult();
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
