using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>Lv.1 in the browser, from an empty product to an approved standard exported to Word.</summary>
public sealed class The_quick_approach_in_the_browser(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string SeedCsv = """
        業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性
        人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2
        経理,当社宛請求書,過去3年分,経理部,経理部長,経理部,経理担当者のPC,3,3,2
        営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,3,3,3

        """;

    [Fact]
    public async Task Suggests_telework_builds_ransomware_and_insider_standards_and_exports_the_edited_text()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/setup");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社テレワーク商事");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("telework");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();

        // The profile says the company teleworks.
        await page.GotoAsync(host.BaseUrl + "/o/telework/profile");
        await page.GetByLabel("テレワークを行っている").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        var file = host.PathOf("register.csv");
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(SeedCsv)]);
        await page.GotoAsync(host.BaseUrl + "/o/telework/assets/import");
        await page.GetByLabel("ファイル").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 件の資産を登録しました。")).ToBeVisibleAsync();

        // 1. The telework threat is suggested, with the reason.
        await page.GotoAsync(host.BaseUrl + "/o/telework/quick");
        var telework = page.Locator("[data-topic='remote-work']");
        await Assertions.Expect(telework.GetByTestId("reason")).ToContainTextAsync("テレワーク");
        await BrowserHost.ScreenshotAsync(page, "11-quick-threats");
        foreach (var box in await page.Locator("input[name='topics']").AllAsync())
        {
            await box.SetCheckedAsync(false);
        }

        await page.Locator("#t-ransomware").CheckAsync();
        await page.Locator("#t-insider").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();

        // 2. The seed's three assets are at stake for both threats.
        foreach (var topic in new[] { "ransomware", "insider" })
        {
            var fieldset = page.Locator($"fieldset[data-topic='{topic}']");
            foreach (var asset in new[] { "社員名簿", "当社宛請求書", "顧客リスト" })
            {
                await fieldset.GetByLabel(asset, new() { Exact = false }).CheckAsync();
            }
        }

        await BrowserHost.ScreenshotAsync(page, "12-quick-assess");
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ" }).ClickAsync();
        await Assertions.Expect(page.GetByText("6 件のリスクシナリオを記録しました。")).ToBeVisibleAsync();

        // 3. Edit one measure, then adopt.
        var firstMeasure = page.Locator("section[data-topic='ransomware'] textarea").First;
        await firstMeasure.FillAsync("当社はランサムウェア対応の体制として、代表者と情報セキュリティ責任者の連絡網を定める。");
        await BrowserHost.ScreenshotAsync(page, "13-quick-generate");
        await page.GetByRole(AriaRole.Button, new() { Name = "④ ポリシー文書に下書きとして追加" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("documents-Standard")).ToContainTextAsync("ランサムウェア");

        // 4. Approve and publish the ransomware standard.
        await page.GetByTestId("documents-Standard").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("ランサム") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "レビューに提出" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "承認する" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "公開する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("latest-status")).ToHaveTextAsync("公開");
        await BrowserHost.ScreenshotAsync(page, "14-standard");

        // 5. Export to Word: the edited text and the Annex A references are in the document.
        await page.GotoAsync(host.BaseUrl + "/o/telework/policy");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Word で出力" }).ClickAsync());
        var docx = host.PathOf("policy.docx");
        await download.SaveAsAsync(docx);
        using var document = WordprocessingDocument.Open(docx, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("代表者と情報セキュリティ責任者の連絡網を定める", text, StringComparison.Ordinal);
        Assert.Contains("多要素認証", text, StringComparison.Ordinal);
        Assert.Matches(@"\d\.\d{1,2} [^\s（）、]+", text);
        Assert.Contains("8.13 情報のバックアップ", text, StringComparison.Ordinal);
    }
}
