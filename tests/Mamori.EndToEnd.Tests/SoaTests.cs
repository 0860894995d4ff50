using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>Lv.3 in the browser: the Statement of Applicability, a decision each way, evidence, and the Excel export.</summary>
public sealed class The_statement_of_applicability_in_the_browser(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Excludes_a_control_marks_another_implemented_with_evidence_and_exports_them()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/setup");
        await page.GetByLabel("氏名").FillAsync("山田 太郎");
        await page.GetByLabel("メールアドレス").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード").FillAsync("correct-horse-7-battery");
        await page.GetByLabel("組織名").FillAsync("株式会社適用");
        await page.GetByLabel("組織 ID（URL に使います）").FillAsync("soa");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を完了する" }).ClickAsync();

        await page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "取り組み", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "適用宣言書（Lv.3）" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='soa'] tbody tr")).ToHaveCountAsync(93);
        await BrowserHost.ScreenshotAsync(page, "19-soa");

        // Exclude 7.5, first without a reason (refused), then with one.
        await page.GetByRole(AriaRole.Link, new() { Name = "7.5", Exact = true }).ClickAsync();
        await page.Locator("#applicability-Excluded").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Justification']")).ToContainTextAsync("除外する理由");
        await page.GetByLabel("理由").FillAsync("サーバ室や専用設備を持たず、機器はすべて事務所内の施錠できる棚に置いている");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#applicability-Excluded")).ToBeCheckedAsync();

        // 8.13 implemented, with a note and a file.
        await page.GotoAsync(host.BaseUrl + "/o/soa/soa/8.13");
        await page.Locator("#applicability-Applicable").CheckAsync();
        await page.GetByLabel("理由").FillAsync("顧客データの消失とランサムウェアへの備え");
        await page.GetByLabel("実施状況").SelectOptionAsync(new SelectOptionValue { Label = "実施済" });
        await page.GetByLabel("責任者").FillAsync("システム管理者 鈴木");
        await page.GetByLabel("証跡").FillAsync("バックアップ記録簿");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        var evidence = host.PathOf("backup-log.csv");
        await File.WriteAllTextAsync(evidence, "日付,結果\n2026-11-20,成功\n");
        await page.Locator("#file").SetInputFilesAsync(evidence);
        await page.GetByRole(AriaRole.Button, new() { Name = "添付", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("evidence")).ToContainTextAsync("backup-log.csv");
        await BrowserHost.ScreenshotAsync(page, "20-soa-control");

        // Export and reopen.
        await page.GotoAsync(host.BaseUrl + "/o/soa/soa");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel で出力" }).ClickAsync());
        var path = host.PathOf("soa.xlsx");
        await download.SaveAsAsync(path);
        using var workbook = SpreadsheetDocument.Open(path, false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(94, rows.Count);
        var excluded = rows.Single(r => r[0] == "7.5");
        Assert.Equal(("除外", "サーバ室や専用設備を持たず、機器はすべて事務所内の施錠できる棚に置いている"), (excluded[3], excluded[4]));
        var backup = rows.Single(r => r[0] == "8.13");
        Assert.Equal(("適用", "実施済", "システム管理者 鈴木"), (backup[3], backup[5], backup[6]));
        Assert.Equal("バックアップ記録簿、backup-log.csv", backup[9]);

        // The level view: customers now require ISMS, so Lv.3 is recommended; the decisions count toward it.
        await page.GotoAsync(host.BaseUrl + "/o/soa/profile");
        await page.GetByLabel("取引先から ISMS 認証（ISO/IEC 27001）の取得を求められている").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "取り組み", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "対策レベル" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recommended-level")).ToContainTextAsync("Lv.3");
        await Assertions.Expect(page.Locator("[data-testid='level-3'] tr[data-step='soa-decided']")).ToContainTextAsync("2 / 93");
        await BrowserHost.ScreenshotAsync(page, "21-levels");
    }
}
