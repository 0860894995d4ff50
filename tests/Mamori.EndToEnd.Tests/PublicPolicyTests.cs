using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>The basic policy published on the web, as a customer opens it on a laptop and on a phone.</summary>
public sealed class The_public_basic_policy_in_the_browser(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Reads_well_at_laptop_and_phone_width_with_nothing_of_the_application_on_it()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/setup");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社やまだ製作所");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("yamada");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();

        await page.GotoAsync(host.BaseUrl + "/o/yamada/policy");
        await page.GetByRole(AriaRole.Button, new() { Name = "基本方針のひな形から始める" }).ClickAsync();
        await page.GotoAsync(host.BaseUrl + "/o/yamada/policy");
        await page.GetByRole(AriaRole.Link, new() { Name = "情報セキュリティ基本方針", Exact = true }).ClickAsync();
        foreach (var step in new[] { "レビューに提出", "承認する", "公開する" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = step, Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        await page.GotoAsync(host.BaseUrl + "/o/yamada/policy/public");
        await page.GetByRole(AriaRole.Button, new() { Name = "Web で公開する" }).ClickAsync();
        var url = await page.GetByTestId("public-url").InputValueAsync();
        await Assertions.Expect(page.GetByTestId("public-snippet")).ToContainTextAsync("株式会社やまだ製作所");
        await BrowserHost.ScreenshotAsync(page, "36-public-policy-settings");

        foreach (var width in new[] { 1366, 390 })
        {
            var reader = await (await host.Browser.NewContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = 900 } })).NewPageAsync();
            await reader.GotoAsync(url);
            await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("情報セキュリティ基本方針");
            await Assertions.Expect(reader.GetByTestId("organization")).ToHaveTextAsync("株式会社やまだ製作所");
            Assert.Equal(0, await reader.Locator("a[href*='/o/'], a[href*='/orgs'], a[href*='/account'], form").CountAsync());
            Assert.True(await reader.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"The public page scrolls sideways at {width} px.");
            await BrowserHost.ScreenshotAsync(reader, $"35-public-policy-{width}");
        }
    }
}
