using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>Lv.2 in the browser: the self-diagnosis, the gap report, the tailored rules, and their Word export.</summary>
public sealed class The_baseline_approach_in_the_browser(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Answers_the_diagnosis_sees_the_gaps_generates_the_rules_and_exports_them()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/setup");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社ベースライン");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("base");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();

        // 1. The self-diagnosis: everything done except item 11 (backups), partly.
        await page.GotoAsync(host.BaseUrl + "/o/base/baseline/diagnosis");
        for (var item = 1; item <= 25; item++)
        {
            await page.Locator($"#q{item}-{(item == 11 ? "Partly" : "Done")}").CheckAsync();
        }

        await BrowserHost.ScreenshotAsync(page, "15-self-diagnosis");
        await page.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("combined-score")).ToContainTextAsync("98 / 100");
        await BrowserHost.ScreenshotAsync(page, "16-baseline-results");

        // 2. The gap report names item 11 and the chapter that covers it.
        await page.GetByRole(AriaRole.Link, new() { Name = "不足項目レポート" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("11.");
        await BrowserHost.ScreenshotAsync(page, "17-gap-report");

        // 3. Tailor: no telework, so no telework chapter; adopt as drafts.
        await page.GotoAsync(host.BaseUrl + "/o/base/baseline/tailor");
        await Assertions.Expect(page.Locator("[data-chapter='telework']")).ToHaveAttributeAsync("data-included", "false");
        await Assertions.Expect(page.Locator("[data-chapter='organizational']")).ToHaveAttributeAsync("data-included", "true");
        await page.GetByLabel("情報セキュリティ責任者", new() { Exact = true }).FillAsync("取締役 佐藤 花子");
        await page.GetByRole(AriaRole.Button, new() { Name = "担当者を保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(page, "18-tailor", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "ポリシー文書に下書きとして追加" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("documents-Standard")).ToContainTextAsync("アクセス制御及び認証");

        // 4. Export the drafts to Word: the role holder is in, no placeholder is left.
        await page.Locator("#drafts").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Word で出力" }).ClickAsync());
        var docx = host.PathOf("rules.docx");
        await download.SaveAsAsync(docx);
        using var document = WordprocessingDocument.Open(docx, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("情報セキュリティ責任者（取締役 佐藤 花子）", text, StringComparison.Ordinal);
        var rolesTable = document.MainDocumentPart.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.InnerText).Where(t => t.StartsWith("情報セキュリティ責任者", StringComparison.Ordinal)).ToList();
        Assert.Contains(rolesTable, t => t.EndsWith("取締役 佐藤 花子", StringComparison.Ordinal));
        Assert.Contains("組織的対策", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }
}
