using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>The glossary in the browser: a hint opened with the keyboard beside a word of the asset form, and the glossary page from the header.</summary>
public sealed class The_glossary_in_the_browser(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Opens_a_hint_with_the_keyboard_without_accessibility_violations_and_leads_to_the_glossary()
    {
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync(host.BaseUrl + "/setup");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社用語");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("words");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/o/words");

        // The hint beside 重要度 opens with the keyboard, as a details element does without script.
        await page.GotoAsync(host.BaseUrl + "/o/words/assets/new");
        var hint = page.Locator("details.term-hint[data-term='importance']");
        await hint.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(hint.Locator(".term-hint-body")).ToBeVisibleAsync();
        await Assertions.Expect(hint.Locator(".term-hint-body")).ToContainTextAsync("影響の大きさ");
        await Assertions.Expect(page.Locator("select[name='Input.ThreatLikelihood'] option[value='3']")).ToHaveTextAsync("3：いつ起きてもおかしくない");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        await hint.ScrollIntoViewIfNeededAsync();
        await BrowserHost.ScreenshotAsync(page, "42-glossary-hint", fullPage: false);

        // The hint's link and the header both lead to the glossary.
        await hint.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/catalog/glossary#term-importance");
        await page.GotoAsync(host.BaseUrl + "/o/words");
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "用語集", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='glossary'] dt")).ToHaveCountAsync(Mamori.Catalogs.GlossaryCatalog.Default.Terms.Count);
        await BrowserHost.ScreenshotAsync(page, "43-glossary", fullPage: false);
    }
}
