using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Mamori.Data;

namespace Mamori.Bench;

/// <summary>
/// The register uploaded as a user uploads it: the product's own server (`mamori serve`, the command
/// ./mamori publishes) on a database of its own, signed in through the real form, the workbook posted
/// to the import page with the form's antiforgery token, timed until the register page the import
/// redirects to has answered. Meanwhile another organization's register page is read in a closed loop.
/// </summary>
public static class UploadMeasures
{
    public static readonly string[] Ids = ["user.upload.large", "user.upload.small", "user.upload.neighbour.p99"];

    /// <summary>Clients reading the other organization's register page, each sending its next request when the last has answered.</summary>
    private const int Readers = 2;

    private const string NeighbourPage = "/o/neighbour/assets";

    /// <param name="ToCsv">LibreOffice converting the workbook to CSV: the baseline of its upload.</param>
    public sealed record Register(string Xlsx, int Rows, LibreOfficeBaseline.Outcome? ToCsv);

    public static async Task<List<Measure>> RunAsync(string product, string work, Register large, Register small, TimeSpan idleLoad)
    {
        var file = Path.Combine(work, "user-serve.db");
        var database = new MamoriDatabase(DatabaseOptions.ForSqliteFile(file));
        await database.MigrateAsync();
        // The server's first administrator becomes a member of every organization that exists when it starts.
        foreach (var (slug, name) in new[] { ("warm-up", "株式会社ウォームアップ"), ("neighbour", "有限会社となり工業"), ("upload", "株式会社アップロード"), ("upload-during", "合同会社どうじ商事") })
        {
            await BenchData.CreateOrganizationAsync(database, slug, name, TimeProvider.System);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{BenchRunner.FreePort()}");
        using var server = BenchRunner.StartServer("dotnet", [product, "serve", "--db", file, "--urls", baseAddress.ToString()], "mamori serve");
        try
        {
            await HttpLoad.WaitForAsync(baseAddress, "/account/signin", Stopwatch.StartNew(), TimeSpan.FromSeconds(60), server);
            var (client, _) = await HttpLoad.SignedInClientAsync(baseAddress, BenchRunner.AdminEmail, BenchRunner.AdminPassword);
            using var uploads = client;

            // A server that has been running: the first import compiles the import's code.
            await UploadAsync(uploads, "warm-up", small);
            var smallUpload = await UploadAsync(uploads, "neighbour", small);
            var largeUpload = await UploadAsync(uploads, "upload", large);

            using var readers = new HttpLoad(baseAddress, await HttpLoad.SignInAsync(baseAddress, BenchRunner.AdminEmail, BenchRunner.AdminPassword));
            var idle = await readers.RunAsync(NeighbourPage, Readers, idleLoad, TimeSpan.FromSeconds(0.5));
            Progress($"another organization's register page, no upload: p50 {idle.P50:0.0} ms, p99 {idle.P99:0.0} ms, {idle.Requests} requests");
            var upload = UploadAsync(uploads, "upload-during", large);
            var during = await readers.RunDuringAsync(NeighbourPage, Readers, upload, TimeSpan.FromMinutes(5));
            var uploadDuring = await upload;
            Progress($"the same page during an upload of {Count(large.Rows)} rows ({uploadDuring:0.00} s): p50 {during.P50:0.0} ms, p99 {during.P99:0.0} ms, {during.Requests} requests");
            if (idle.Failures + during.Failures > 0)
            {
                throw new InvalidOperationException($"{NeighbourPage}: {idle.Failures + during.Failures} requests did not answer 200.");
            }

            return
            [
                new("user.upload.large", $"upload {Count(large.Rows)} rows, LibreOffice-written xlsx, to mamori serve until the register page answers",
                    largeUpload, "s", large.ToCsv?.Seconds, "LibreOffice xlsx → CSV", "≤ 5 s and ≤ 0.5× LibreOffice",
                    m => m.Value <= 5 && (m.Ratio is null || m.Ratio <= 0.5)),
                new("user.upload.small", $"upload {Count(small.Rows)} rows, LibreOffice-written xlsx, to mamori serve until the register page answers",
                    smallUpload, "s", small.ToCsv?.Seconds, "LibreOffice xlsx → CSV", "≤ 1 s", m => m.Value <= 1),
                new("user.upload.neighbour.p99", $"another organization's register page p99 during that upload ({Readers} clients)",
                    during.P99, "ms", idle.P99, "the same page, no upload", "≤ 250 ms", m => m.Value <= 250),
            ];
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Posts the workbook to the organization's import page, then reads the register page it redirects to: the seconds from sending to that answer.</summary>
    private static async Task<double> UploadAsync(HttpClient client, string organization, Register register)
    {
        var importPage = $"/o/{organization}/assets/import";
        var token = await HttpLoad.AntiforgeryTokenAsync(client, importPage);
        await using var workbook = File.OpenRead(register.Xlsx);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var content = new StreamContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", Path.GetFileName(register.Xlsx));

        var clock = Stopwatch.StartNew();
        using var posted = await client.PostAsync(importPage, form);
        if (posted.StatusCode != HttpStatusCode.Redirect || posted.Headers.Location is not { } registerPage)
        {
            var page = await posted.Content.ReadAsStringAsync();
            var problems = page.IndexOf("import-problems", StringComparison.Ordinal);
            throw new InvalidOperationException(
                $"The upload of {Path.GetFileName(register.Xlsx)} to {organization} was not accepted ({(int)posted.StatusCode}): {(problems < 0 ? "" : page[problems..Math.Min(page.Length, problems + 600)])}");
        }

        var importing = clock.Elapsed.TotalSeconds;
        using var answered = await client.GetAsync(registerPage);
        var seconds = clock.Elapsed.TotalSeconds;
        if (answered.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{registerPage} answered {(int)answered.StatusCode} after the upload.");
        }

        Progress($"upload of {Count(register.Rows)} rows to {organization}: {seconds:0.000} s (import page answered after {importing:0.000} s, the register page {seconds - importing:0.000} s later)");
        return seconds;
    }

    private static string Count(int rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static void Progress(string message) => Console.WriteLine($"   {message}");
}
