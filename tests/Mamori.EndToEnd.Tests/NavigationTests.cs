using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>
/// The organization's navigation: five entries that fit a 1366-pixel screen and, behind a menu
/// button, a phone; and every main page free of WCAG 2.1 A/AA violations as axe-core finds them.
/// </summary>
public sealed class The_navigation_and_the_main_pages(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Register = """
        業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル
        人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9
        経理,当社宛請求書,過去3年分,経理部,経理部長,経理部,経理担当者のPC,3,3,2,3,2,6
        営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,1,1,1,1,1,1

        """;

    private static readonly string[] TopEntries = ["ダッシュボード", "取り組み", "台帳とリスク", "ポリシー文書", "管理"];

    private static readonly string[] MainPages =
    [
        "", "/path", "/levels", "/quick", "/baseline", "/baseline/diagnosis", "/soa", "/assets", "/assets/import", "/risks", "/treatments",
        "/assets/new", "/baseline/tailor", "/policy", "/policy/roles", "/procedures", "/profile", "/rule-values", "/members", "/audit",
        "/path/company", "/baseline/gaps", "/baseline/checklists", "/soa/5.1", "/scs", "/inventories", "/inventories/devices", "/inventories/devices/new",
        "/policy/check", "/policy/handbook", "/policy/public", "/notifications",
        "~/catalog/glossary", "~/catalog/controls", "~/orgs", "~/account/password", "~/account/tokens",
    ];

    /// <summary>The pages scanned again in English: the words change, and with them the layout.</summary>
    private static readonly string[] EnglishPages = ["", "/path", "/path/company", "/assets", "/policy", "/inventories"];

    private static readonly string[] PhonePages = ["", "/path", "/assets", "/baseline/diagnosis", "/policy"];

    [Fact]
    public async Task Fits_a_wide_screen_and_a_phone_and_leads_to_every_main_page_without_accessibility_violations()
    {
        var page = await host.NewPageAsync();
        await SetUpAsync(page);

        // 1366 px: the five entries on one line, none cut off, each group opening its pages.
        await page.GotoAsync(host.BaseUrl + "/o/nav");
        await AssertEntriesVisibleWithinAsync(page, 1366);
        var tops = new List<float>();
        foreach (var entry in TopEntries)
        {
            tops.Add((await TopEntry(page, entry).BoundingBoxAsync())!.Y);
        }

        Assert.True(tops.Max() - tops.Min() < 1, $"The entries wrap to a second line at 1366 px (tops {string.Join(", ", tops)}).");
        await page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "管理", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "監査ログ", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/o/nav/audit");
        await BrowserHost.ScreenshotAsync(page, "40-navigation-1366", fullPage: false);

        // 390 px: a menu button; opened, every entry is inside the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(host.BaseUrl + "/o/nav");
        await Assertions.Expect(page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "管理", Exact = true })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "メニュー" }).ClickAsync();
        await AssertEntriesVisibleWithinAsync(page, 390);
        await page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "台帳とリスク", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "情報資産台帳", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/o/nav/assets");
        await BrowserHost.ScreenshotAsync(page, "41-navigation-390", fullPage: false);

        // A document, so that the document page is scanned too.
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync(host.BaseUrl + "/o/nav/path");
        await page.GetByRole(AriaRole.Button, new() { Name = "基本方針の下書きを作って開く" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/o/nav/policy/[0-9a-f-]{36}$"));
        var document = new Uri(page.Url).AbsolutePath["/o/nav".Length..];

        // Every main page at 1366 px; at 390 px the pages whose layout changes most on a phone; then some in English.
        var violations = new List<string>();
        foreach (var (width, paths, english) in new[] { (1366, MainPages.Append(document).ToArray(), false), (390, PhonePages, false), (1366, EnglishPages, true) })
        {
            await page.SetViewportSizeAsync(width, 900);
            if (english)
            {
                await page.GotoAsync(host.BaseUrl + "/o/nav");
                await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
                await AssertEntriesVisibleWithinAsync(page, width, ["Dashboard", "Programme", "Register and risks", "Policy set", "Administration"]);
            }

            foreach (var path in paths)
            {
                // "~/…" is a page outside the organization (the glossary).
                var url = path.StartsWith('~') ? path[1..] : "/o/nav" + path;
                var response = await page.GotoAsync(host.BaseUrl + url);
                Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}.");
                var result = await page.RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                    // Every rule still runs and reports every violating node; only the passes and the rest, which the test
                    // never reads, are not gathered node by node.
                    ResultTypes = [ResultType.Violations],
                });
                violations.AddRange(result.Violations.Select(v =>
                    $"{width}px{(english ? " en" : "")} {url}: {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>A top entry: the dashboard is a link, the others are buttons that open their group.</summary>
    private static ILocator TopEntry(IPage page, string name) =>
        page.Locator("#org-menu").GetByRole(name is "ダッシュボード" or "Dashboard" ? AriaRole.Link : AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task AssertEntriesVisibleWithinAsync(IPage page, int width, string[]? entries = null)
    {
        foreach (var entry in entries ?? TopEntries)
        {
            var link = TopEntry(page, entry);
            await Assertions.Expect(link).ToBeVisibleAsync();
            var box = (await link.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{entry} is cut off at {width} px (from {box.X} to {box.X + box.Width}).");
        }
    }

    private async Task SetUpAsync(IPage page)
    {
        await page.GotoAsync(host.BaseUrl + "/");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社ナビ");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("nav");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/o/nav");

        // A register with a row in each band, so that the heat map and the lists have content to check.
        var file = host.PathOf("navigation-register.csv");
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Register)]);
        await page.GotoAsync(host.BaseUrl + "/o/nav/assets/import");
        await page.GetByLabel("ファイル").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 件の資産を登録しました。")).ToBeVisibleAsync();
    }
}
