using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mamori.Documents.Docx;
using Mamori.Documents.Pdf;
using Mamori.Tests.Documents.Docx;
using Mamori.Tests.Support;

namespace Mamori.Tests.Documents.Pdf;

/// <summary>
/// Needs LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext); like the PostgreSQL tests,
/// these fail rather than skip when the tools are missing.
/// </summary>
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

        var text = await Tool("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains("株式会社山田商事", text, StringComparison.Ordinal);
        Assert.Contains("情報セキュリティ基本方針", text, StringComparison.Ordinal);
        Assert.Contains("適用範囲", text, StringComparison.Ordinal);
        Assert.Contains("情報セキュリティ部門責任者", text, StringComparison.Ordinal);
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
    public async Task Reports_a_file_LibreOffice_cannot_read()
    {
        Assert.True(LibreOfficePdf.IsAvailable, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer");
        var missing = _files.PathOf("missing.docx");

        using var limit = new CancellationTokenSource(Limit);
        await Assert.ThrowsAsync<InvalidOperationException>(() => LibreOfficePdf.ConvertAsync(missing, limit.Token));
    }

    public void Dispose() => _files.Dispose();

    private string WriteDocx(string name)
    {
        var path = _files.PathOf(name);
        using var file = File.Create(path);
        PolicyDocx.Write(file, [SamplePolicies.Japanese()]);
        return path;
    }

    private static int Pages(string pdf)
    {
        var info = Tool("pdfinfo", pdf).GetAwaiter().GetResult();
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> Tool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"{name} failed: {await process.StandardError.ReadToEndAsync(limit.Token)}");
        return await output;
    }
}
