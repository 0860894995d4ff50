using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mamori.Data;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Mamori.EndToEnd.Tests;

/// <summary>
/// The application on a real 127.0.0.1 port with the demo organization, and a signed-in
/// session whose cookies the scanners present.
/// </summary>
public sealed partial class ScanHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Email = "scan@example.jp";
    public const string Password = "correct-horse-7-battery";

    private readonly TempFiles _files = new();
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    public string BaseUrl { get; private set; } = "";

    public string PathOf(string name) => _files.PathOf(name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", _database.Options.SqliteFile);
        builder.UseSetting("demo", "true");
        builder.UseSetting("MAMORI_ADMIN_EMAIL", Email);
        builder.UseSetting("MAMORI_ADMIN_PASSWORD", Password);
        // Every test of the collection signs in on its own, more often in a minute than the sign-in cap allows one address.
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        builder.UseEnvironment("Production");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/').Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>
    /// The Cookie header of a new session of the demo organization's administrator. Each scan signs in
    /// on its own: signing out ends every session of the user, and sqlmap's form test submits the
    /// sign-out form in the header of the page it tests.
    /// </summary>
    public async Task<string> SignInAsync()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var form = await client.GetStringAsync("/account/signin");
        var token = Antiforgery.TokenIn(form) ?? "";
        var signIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in for the scan answered {(int)signIn.StatusCode}.");
        }

        return cookies.GetCookieHeader(new Uri(BaseUrl));
    }

    /// <summary>Runs a scanner to its end or to <paramref name="limit"/>, whichever is first; its output is returned and kept next to the database.</summary>
    public async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan limit, string logName)
    {
        if (!File.Exists($"/usr/bin/{program}"))
        {
            throw new InvalidOperationException($"/usr/bin/{program} is missing: run the tests with ./test, which installs Debian's {program}.");
        }

        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = _files.Folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Both scanners are Python: unbuffered, each line arrives as it is printed, so a scan stopped at the bound
        // still shows where it was, and the seconds in front of each line show where its time went.
        start.Environment["PYTHONUNBUFFERED"] = "1";
        var log = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.Append(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:F1} {line}").AppendLine();
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append($"stopped by the test at its bound of {limit.TotalSeconds:F0} s");
        }

        // Waiting without a token also waits for the last redirected lines.
        await process.WaitForExitAsync();
        string text;
        lock (log)
        {
            text = log.ToString();
        }

        await File.WriteAllTextAsync(PathOf(logName), text);
        return text;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        await _database.DisposeAsync();
        _files.Dispose();
    }
}

/// <summary>
/// The classes that attack the demo share one <see cref="ScanHost"/>, started (and the demo loaded) once.
/// The tests of a collection run one at a time, which they need: signing out, as one of them does, ends
/// every session of the user, the scanners' included.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScanCollection : ICollectionFixture<ScanHost>
{
    public const string Name = "The signed-in demo under attack";
}

/// <summary>
/// sqlmap and wapiti (Debian's packages) against the signed-in demo, bounded in time: no
/// injection and no cross-site scripting found, and proof that they reached the
/// organization's pages rather than the sign-in page.
/// </summary>
[Collection(ScanCollection.Name)]
public sealed partial class Attack_scan(ScanHost host, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Sqlmap_finds_no_sql_injection_in_the_query_strings_and_forms_of_the_signed_in_demo()
    {
        List<string[]> targets =
        [
            // Values the demo holds, so that the page lists an asset: an injected false condition would then empty it.
            ["-u", $"{host.BaseUrl}/o/demo/assets?q={Uri.EscapeDataString("顧客")}&category={Uri.EscapeDataString("営業")}&department={Uri.EscapeDataString("営業部")}&sort=name&p=1"],
            ["-u", $"{host.BaseUrl}/o/demo/soa?theme=5&decision=undecided&attribute=x&filter=open&status=open"],
            ["-u", $"{host.BaseUrl}/o/demo/assets/new", "--forms"],
        ];
        var tested = 0;
        var findings = new List<string>();
        for (var i = 0; i < targets.Count; i++)
        {
            var cookie = await host.SignInAsync();
            var log = await host.RunAsync(
                "sqlmap",
                [
                    .. targets[i], "--cookie", cookie, "--drop-set-cookie", "--batch", "--level=1", "--risk=1", "--threads=4",
                    "--technique=BEU",
                    // Every page carries a fresh antiforgery token and echoes its URL in the sign-out form's returnUrl;
                    // comparing whole pages made sqlmap take that noise for a boolean-based injection now and then.
                    "--text-only", "--skip=__RequestVerificationToken,__Invariant", "--disable-coloring", "--flush-session",
                    "--output-dir", host.PathOf($"sqlmap-{i}"),
                ],
                // The forms target first fetches the page and parses its forms: on a loaded 2-core machine 45 s
                // were not always enough for it to reach them, so it gets twice the bound of a query string.
                TimeSpan.FromSeconds(targets[i].Contains("--forms") ? 90 : 45),
                $"sqlmap-{i}.log");
            tested += ParameterTested().Count(log);
            // sqlmap prints the parameter, technique and payload after the match: keep them in the failure.
            findings.AddRange(Finding().Matches(log).Select(m => $"{targets[i][1]}: {log.Substring(m.Index, Math.Min(800, log.Length - m.Index))}"));
        }

        output.WriteLine($"sqlmap: {targets.Count} targets, {tested} parameters tested, {findings.Count} injection points");
        Assert.True(tested >= 12, $"sqlmap tested only {tested} parameters; it did not reach the signed-in pages.");
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public async Task Wapiti_finds_no_injection_and_no_cross_site_scripting_in_the_signed_in_demo()
    {
        var report = host.PathOf("wapiti.json");
        var session = host.PathOf("wapiti-session");
        var cookie = await host.SignInAsync();
        // The folder scope keeps wapiti inside the organization (and off the sign-out form); -x cannot,
        // as Debian's wapiti 3.0.4 fails on any exclusion under Python 3.11.
        var log = await host.RunAsync(
            "wapiti",
            [
                "-u", $"{host.BaseUrl}/o/demo/", "--scope", "folder", "-H", $"Cookie: {cookie}",
                // Every page echoes its own URL (the language switch returns to it), so the xss module tries its
                // 390 payloads on every parameter of a page, and checks its time bound only between pages: the
                // quick approach's page with ten topics took 144 s idle and 342 s loaded. Pages with more than
                // three parameters are left out and the topics dropped from the URLs.
                "-m", "sql,xss,permanentxss", "-d", "2", "--max-links-per-page", "20", "--max-files-per-dir", "10", "--max-parameters", "3",
                "-r", "topics",
                "--max-scan-time", "40", "--max-attack-time", "15", "-f", "json", "-o", report,
                "--flush-session", "--store-session", session, "--no-bugreport", "-v", "1",
                // The export forms' format (docx, pdf) is dropped from every URL: each PDF the crawler or an
                // attack asked for ran LibreOffice, which took the scan past three minutes on a loaded machine.
                "-r", "format",
            ],
            // The attack bound applies to each of the three modules (40 + 3 × 15 s at most, plus the page each module
            // is on when its time runs out, wapiti's start and its report): 35 s with the CPU held by three other
            // processes on the 2-core machine, so the bound is only there for a scanner that hangs.
            TimeSpan.FromSeconds(240),
            "wapiti.log");
        // Where the time went, in the test's output: the crawl's end, each module's start and stop, the report.
        foreach (var line in log.Split('\n').Where(l => l.Contains("[*]", StringComparison.Ordinal) || l.Contains("Max ", StringComparison.Ordinal) || l.Contains("report", StringComparison.Ordinal)))
        {
            output.WriteLine(line.TrimEnd());
        }

        Assert.True(File.Exists(report), "wapiti wrote no report:" + Environment.NewLine + log[^Math.Min(log.Length, 3000)..]);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var vulnerabilities = json.RootElement.GetProperty("vulnerabilities");
        string[] categories = ["SQL Injection", "Blind SQL Injection", "Cross Site Scripting"];
        var findings = categories
            .SelectMany(c => vulnerabilities.TryGetProperty(c, out var list) ? list.EnumerateArray().Select(v => $"{c}: {v.GetProperty("method").GetString()} {v.GetProperty("path").GetString()} {v.GetProperty("info").GetString()}") : [])
            .ToList();
        Assert.True(vulnerabilities.TryGetProperty("SQL Injection", out _) && vulnerabilities.TryGetProperty("Cross Site Scripting", out _), "the report has no SQL injection or XSS section");

        var (paths, attacks) = SessionCounts(session);
        output.WriteLine($"wapiti: {paths} organization pages crawled, {attacks} attacks sent, {findings.Count} findings");
        // Signed out, the crawl finds none of these pages (they all send it to the sign-in page, outside the scope);
        // how many it finds signed in depends on the machine's load within the crawl's time bound.
        Assert.True(paths >= 10, $"wapiti crawled only {paths} organization pages; it did not get through the signed-in pages.");
        // About 20 on an idle machine once the export forms' format is left out (it was about 30 with it).
        Assert.True(attacks >= 15, $"wapiti sent only {attacks} attacks.");
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    /// <summary>What wapiti's session database holds: resources crawled in scope and attacks sent.</summary>
    private static (long Paths, long Attacks) SessionCounts(string folder)
    {
        var file = Directory.GetFiles(folder, "*.db").Single();
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long Count(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }

        // A crawl that was signed out would only find the sign-in page, which lies outside the folder scope.
        return (Count("SELECT COUNT(*) FROM paths WHERE path LIKE '%/o/demo/assets%' OR path LIKE '%/o/demo/risks%' OR path LIKE '%/o/demo/soa%' OR path LIKE '%/o/demo/policy%'"),
            Count("SELECT COUNT(*) FROM attack_log"));
    }

    [GeneratedRegex(@"testing for SQL injection on (GET|POST|URI|\(custom\) POST) parameter")]
    private static partial Regex ParameterTested();

    [GeneratedRegex(@"sqlmap identified the following injection point|\] \[INFO\] .*parameter '[^']+' is vulnerable")]
    private static partial Regex Finding();
}

/// <summary>Bodies past the server's limits are cut off by Kestrel itself, before any page reads them.</summary>
[Collection(ScanCollection.Name)]
public sealed partial class Upload_limits(ScanHost host)
{
    [Theory]
    [InlineData("/o/demo/assets/import", 101, true)]
    [InlineData("/o/demo/assets/import", 20, false)]
    [InlineData("/o/demo/profile", 31, true)]
    [InlineData("/o/demo/profile", 2, false)]
    public async Task A_body_over_the_limit_is_refused_with_413_and_one_under_it_is_read(string path, int megabytes, bool overLimit)
    {
        var cookies = new CookieContainer();
        foreach (var part in (await host.SignInAsync()).Split("; "))
        {
            var (name, value) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            cookies.Add(new Uri(host.BaseUrl), new Cookie(name, value));
        }

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        var token = Antiforgery.TokenIn(await client.GetStringAsync(path)) ?? "";
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[megabytes * 1024 * 1024]), "file", "register.csv" },
        };

        HttpStatusCode status;
        try
        {
            status = (await client.PostAsync(path, body)).StatusCode;
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection while the rest of the body is still being sent.
            status = HttpStatusCode.RequestEntityTooLarge;
        }

        Assert.True(overLimit == (status == HttpStatusCode.RequestEntityTooLarge), $"{megabytes} MB to {path} answered {(int)status}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }
}

/// <summary>
/// The requests of the black-box test (2026-12-03) that found a session surviving sign-out, an
/// unbounded template loop, uploads and a return URL answered with 500, replayed against the real
/// server: each now gets its intended answer.
/// </summary>
[Collection(ScanCollection.Name)]
public sealed class Attack_findings(ScanHost host)
{
    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_reads_nothing_after_it()
    {
        var (client, cookies) = await SignedInAsync();
        var copied = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        copied.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(new Uri(host.BaseUrl)));
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/api/v1/organizations")).StatusCode);

        var token = Antiforgery.TokenIn(await client.GetStringAsync("/o/demo")) ?? "";
        var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copied.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await copied.GetAsync("/o/demo/assets")).StatusCode);
    }

    [Theory]
    [InlineData("evil.c\0sv")]
    [InlineData("evil.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task An_upload_with_another_extension_is_a_400(string fileName)
    {
        var (client, _) = await SignedInAsync();
        var token = Antiforgery.TokenIn(await client.GetStringAsync("/o/demo/assets/import")) ?? "";
        const string Boundary = "----attack-finding";
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--{Boundary}--\r\n";
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/o/demo/assets/import", content)).StatusCode);
    }

    [Fact]
    public async Task The_language_switch_with_a_tab_in_its_return_url_goes_to_the_start_page()
    {
        var (client, _) = await SignedInAsync();
        var token = Antiforgery.TokenIn(await client.GetStringAsync("/o/demo")) ?? "";

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "en", ["returnUrl"] = "/\t/evil.example", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_preview_of_a_hundred_million_turn_loop_is_refused_with_a_message()
    {
        var (client, _) = await SignedInAsync();
        var token = Antiforgery.TokenIn(await client.GetStringAsync("/o/demo/policy/new")) ?? "";

        var response = await client.PostAsync("/o/demo/policy/new?handler=PreviewFragment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Body"] = "{% for i in (1..100000000) %}x{% endfor %}",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("alert-warning", html, StringComparison.Ordinal);
        Assert.DoesNotContain("xx", html, StringComparison.Ordinal);
    }

    /// <summary>A session of its own (the scanners' one is left alone), with its cookies.</summary>
    private async Task<(HttpClient Client, CookieContainer Cookies)> SignedInAsync()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        var token = Antiforgery.TokenIn(await client.GetStringAsync("/account/signin")) ?? "";
        var signIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = ScanHost.Email,
            ["Password"] = ScanHost.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (client, cookies);
    }
}
