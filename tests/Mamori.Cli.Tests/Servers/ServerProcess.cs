using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Tests.Servers;

/// <summary>
/// A real `mamori serve` process (the built command, started with dotnet) on a free
/// 127.0.0.1 port, which a test can kill with SIGKILL and start again on the same database.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.jp";
    public const string AdminPassword = "crash-test-2026";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private bool _disposed;

    private readonly string _home;

    private ServerProcess(Process process, int port, string home)
    {
        _process = process;
        Port = port;
        _home = home;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>What the process printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="database">`--db PATH` or `--connection STRING` arguments.</param>
    /// <param name="command">`serve`, or `demo` (which always loads the demo organization).</param>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> database, bool demo = false, string command = "serve")
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mamori.Cli.dll"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var argument in database)
        {
            start.ArgumentList.Add(argument);
        }

        if (demo && command == "serve")
        {
            start.ArgumentList.Add("--demo");
        }

        start.Environment["MAMORI_ADMIN_EMAIL"] = AdminEmail;
        start.Environment["MAMORI_ADMIN_PASSWORD"] = AdminPassword;
        // A home of its own, as on a machine of its own: nothing (such as ~/.aspnet keys) is shared through the file system.
        var home = Path.Combine(Path.GetTempPath(), "mamori-server-homes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        start.Environment.Remove("MAMORI_CONNECTION");
        start.Environment.Remove("MAMORI_DB");
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), port, home);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>kill -9: no shutdown code runs, nothing is flushed.</summary>
    public void KillHard()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        _disposed = true;
        _process.Dispose();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mamori serve exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"mamori serve did not answer /health within 120 s:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What the server tests do over HTTP as a signed-in person: forms with their antiforgery tokens.</summary>
public static class Forms
{
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)response.StatusCode}");
        var token = Antiforgery.TokenIn(await response.Content.ReadAsStringAsync());
        Assert.True(token is not null, $"No antiforgery token on {page}");
        return token;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, Dictionary<string, string> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent([.. fields, KeyValuePair.Create("__RequestVerificationToken", token)]));

    public static async Task SignInAsync(HttpClient client)
    {
        var token = await TokenAsync(client, "/account/signin");
        var response = await PostAsync(client, "/account/signin", token, new() { ["Email"] = ServerProcess.AdminEmail, ["Password"] = ServerProcess.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

/// <summary>A database for a server test, migrated (from the template: <see cref="TestDatabase"/>): a SQLite file, or a database on the test PostgreSQL.</summary>
public sealed class ServerDatabase : IAsyncDisposable
{
    private static readonly Lazy<Task<TestDatabase>> SqliteDemo = new(() => Task.Run(() => DemoTemplateAsync(DatabaseProvider.Sqlite)));
    private static readonly Lazy<Task<TestDatabase>> PostgresDemo = new(() => Task.Run(() => DemoTemplateAsync(DatabaseProvider.Postgres)));

    private readonly TestDatabase _database;

    private ServerDatabase(TestDatabase database) => _database = database;

    public DatabaseOptions Options => _database.Options;

    public string[] Arguments => Options.Provider == DatabaseProvider.Sqlite ? ["--db", Options.SqliteFile!] : ["--connection", Options.ConnectionString];

    public MamoriDatabase Open() => new(Options);

    public static async Task<ServerDatabase> CreateAsync(DatabaseProvider provider) => new(await TestDatabase.CreateAsync(provider));

    /// <summary>
    /// A database that already holds the demo organization, as a server started with --demo leaves it (and
    /// nothing else: no administrator, no data-protection key), so that the tests which work on the demo do not
    /// each pay for loading it. A server started on it with --demo finds the demo there and leaves it as it is.
    /// Loading the demo itself is proved by <see cref="The_demo_command"/>.
    /// </summary>
    public static async Task<ServerDatabase> CreateWithDemoAsync(DatabaseProvider provider) =>
        new(await (await (provider == DatabaseProvider.Sqlite ? SqliteDemo : PostgresDemo).Value).CopyAsync());

    private static async Task<TestDatabase> DemoTemplateAsync(DatabaseProvider provider)
    {
        var template = await TestDatabase.CreateAsync(provider);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
        await DemoOrganization.EnsureAsync(template.Database, TimeProvider.System, CancellationToken.None);
        return template;
    }

    /// <summary>A personal access token for the administrator the server created at start.</summary>
    public async Task<string> AdminTokenAsync()
    {
        await using var db = Open().Open();
        var user = await db.Users.SingleAsync(u => u.Email == ServerProcess.AdminEmail);
        var (token, hash) = PersonalAccessToken.Generate();
        db.PersonalAccessTokens.Add(new PersonalAccessToken(user.Id, "crash test", hash, token[..12], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)));
        await db.SaveChangesAsync();
        return token;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
