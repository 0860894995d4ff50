using Mamori.Data;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>
/// The web application on a real 127.0.0.1 port with its own SQLite file (from the migrated template), driven by
/// Debian's Chromium through Playwright (never a downloaded browser).
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempFiles _files = new();
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = RepositoryFiles.Path("TestResults", "screenshots");

    public string BaseUrl => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public string PathOf(string name) => _files.PathOf(name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", _database.Options.SqliteFile);
        builder.UseEnvironment("Production");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with ./test, which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1366, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <param name="fullPage">False for very long pages (the tailored rules), where the first screen is what the guide shows.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        // A click that posts a form may still be navigating; Chromium cannot capture a page mid-navigation.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var options = new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage };
        try
        {
            await page.ScreenshotAsync(options);
        }
        catch (PlaywrightException)
        {
            // The screenshot is for the guide, not an assertion: one more try once the page has settled.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            try
            {
                await page.ScreenshotAsync(options);
            }
            catch (PlaywrightException e)
            {
                // On a 2-core machine under load a full-page capture has taken longer than its 30 s twice over;
                // the page itself is checked by the test's assertions, so the run goes on without the picture.
                Console.Error.WriteLine($"screenshot {name} not taken: {e.Message.Split('\n')[0]}");
            }
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        Dispose();
        await _database.DisposeAsync();
        _files.Dispose();
    }
}
