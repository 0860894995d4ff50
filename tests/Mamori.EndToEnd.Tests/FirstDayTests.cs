using System.Text;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>A new company's first hour in a real browser, with a screenshot of every main screen.</summary>
public sealed class A_new_company_in_the_browser(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string SeedCsv = """
        業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル
        人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9
        経理,当社宛請求書,過去3年分,経理部,経理部長,経理部,経理担当者のPC,3,3,2,3,2,6
        営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,3,3,3,3,2,6

        """;

    [Fact]
    public async Task Sets_up_imports_the_seed_register_sees_nine_six_six_and_records_the_laptop_risk()
    {
        var page = await host.NewPageAsync();

        // 1. First start: the setup page.
        await page.GotoAsync(host.BaseUrl + "/");
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/setup");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社山田商事");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("yamada");
        await BrowserHost.ScreenshotAsync(page, "01-setup");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/o/yamada");
        await BrowserHost.ScreenshotAsync(page, "02-dashboard-empty");

        // 2. Import the seed's register.
        var file = host.PathOf("情報資産管理台帳.csv");
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(SeedCsv)]);
        await page.GetByRole(AriaRole.Link, new() { Name = "台帳を取り込む" }).ClickAsync();
        await page.GetByLabel("ファイル").SetInputFilesAsync(file);
        await BrowserHost.ScreenshotAsync(page, "03-import");
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 件の資産を登録しました。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("risk-社員名簿")).ToHaveTextAsync("9");
        await Assertions.Expect(page.GetByTestId("risk-当社宛請求書")).ToHaveTextAsync("6");
        await Assertions.Expect(page.GetByTestId("risk-顧客リスト")).ToHaveTextAsync("6");
        await BrowserHost.ScreenshotAsync(page, "04-register");

        // 3. The heat map: one asset at 重要度 3 × 可能性 3 (risk 9), two at 3 × 2 (risk 6).
        await page.GetByRole(AriaRole.Link, new() { Name = "ダッシュボード" }).ClickAsync();
        var heatmap = page.GetByTestId("heatmap");
        await Assertions.Expect(heatmap.Locator("td[data-importance='3'][data-likelihood='3']")).ToContainTextAsync("1");
        await Assertions.Expect(heatmap.Locator("td[data-importance='3'][data-likelihood='2']")).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByTestId("band-high")).ToHaveTextAsync("3");
        await BrowserHost.ScreenshotAsync(page, "05-dashboard");

        // 4. The seed's laptop example as a risk scenario.
        await page.GotoAsync(host.BaseUrl + "/o/yamada/assets/new");
        await page.GetByLabel("業務分類").FillAsync("営業");
        await page.GetByLabel("情報資産名称").FillAsync("ノートPC内の情報（データ）");
        await page.GetByLabel("リスク所有者").FillAsync("営業部長");
        await page.Locator("#Confidentiality-3").CheckAsync();
        await page.Locator("#Integrity-3").CheckAsync();
        await page.Locator("#Availability-2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByRole(AriaRole.Row, new() { Name = "ノートPC内の情報（データ）" }).GetByRole(AriaRole.Link, new() { Name = "リスクを追加" }).ClickAsync();

        await page.GetByLabel("価値（なぜ重要か）").FillAsync("営業の業務で必須の情報");
        await page.GetByLabel("脅威（カタログから選択）").SelectOptionAsync("theft-of-equipment");
        await page.GetByLabel("脅威の内容（自社の言葉で）").FillAsync("社外への持ち出し");
        await page.GetByLabel("リスク（起こり得ること）").FillAsync("盗難による情報漏えい");
        await page.Locator("summary", new() { HasText = "ソフトウェア" }).ClickAsync();
        await page.GetByLabel("不十分なパスワード管理").CheckAsync();
        await page.GetByLabel("保護要求事項（1 行に 1 つ）").FillAsync("権限のないものがログインできないようにする\n不要な持ち出しを防ぐ");
        await page.Locator("summary", new() { HasText = "技術的管理策" }).ClickAsync();
        await page.Locator("#c-8\\.5").CheckAsync();
        await page.GetByLabel("8.5 具体的な対策").FillAsync("複雑なパスワードの設定");
        await page.Locator("summary", new() { HasText = "物理的管理策" }).ClickAsync();
        await page.Locator("#c-7\\.9").CheckAsync();
        await page.GetByLabel("7.9 具体的な対策").FillAsync("社外の持ち出し管理");
        await page.GetByLabel("脅威の起こりやすさ").SelectOptionAsync("3");
        await page.GetByLabel("脆弱性のつけ込みやすさ").SelectOptionAsync("3");
        await page.GetByLabel("低減").CheckAsync();
        await page.GetByLabel("対策後の被害発生可能性").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("computation")).ToContainTextAsync("= リスク値 9");
        await Assertions.Expect(page.GetByTestId("relation")).ToContainTextAsync("低減");
        await Assertions.Expect(page.GetByTestId("residual")).ToHaveTextAsync("3");
        await BrowserHost.ScreenshotAsync(page, "06-risk-scenario");

        // 5. Treatment tasks from the controls, and the audit log.
        await page.GetByRole(AriaRole.Button, new() { Name = "選んだ管理策から対策タスクを作成" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await BrowserHost.ScreenshotAsync(page, "07-treatment-plan");
        await page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "台帳とリスク", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "リスク", Exact = true }).ClickAsync();
        await BrowserHost.ScreenshotAsync(page, "08-risks");
        await page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "管理", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "監査ログ" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("owner@example.jp");
        await BrowserHost.ScreenshotAsync(page, "09-audit-log");
        await page.GotoAsync(host.BaseUrl + "/catalog/controls");
        await BrowserHost.ScreenshotAsync(page, "10-catalog");
    }

    [Fact]
    public async Task Works_with_the_keyboard_alone_and_without_JavaScript()
    {
        var context = await host.Browser.NewContextAsync(new() { Locale = "ja-JP", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        // Sign-in or, before anyone has set up the product, setup: both start with the same fields.
        await page.GotoAsync(host.BaseUrl + "/");

        // The first Tab reaches the skip link; the form fields follow in order.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByText("本文へ移動")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("メールアドレス")).ToHaveAttributeAsync("type", "email");
        await Assertions.Expect(page.GetByLabel("パスワード")).ToHaveAttributeAsync("type", "password");
    }
}
