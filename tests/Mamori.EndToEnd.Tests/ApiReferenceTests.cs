using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>
/// The API reference page in a real browser: reached from the token page, it shows the operations of the
/// served document, with no script blocked by the content security policy and no request leaving the machine.
/// </summary>
public sealed class The_API_reference_page(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Shows_the_operations_from_the_token_page_with_nothing_blocked_and_nothing_fetched_from_elsewhere()
    {
        var page = await host.NewPageAsync();
        var blocked = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(host.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync(host.BaseUrl + "/");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社リファレンス");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("ref");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/o/ref");
        await page.GotoAsync(host.BaseUrl + "/account/tokens");
        await page.GetByTestId("api-reference").ClickAsync();

        await Assertions.Expect(page.GetByText("List the organizations the caller belongs to").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await BrowserHost.ScreenshotAsync(page, "60-api-reference", fullPage: false);
        Assert.True(blocked.Count == 0, "Blocked by the content security policy: " + string.Join("\n", blocked));
        Assert.True(elsewhere.Count == 0, "Fetched from elsewhere: " + string.Join("\n", elsewhere));
    }
}
