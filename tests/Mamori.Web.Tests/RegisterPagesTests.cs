using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Data;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

/// <summary>One host per database provider for the class; each test works in an organization of its own.</summary>
public class The_asset_register_pages(SharedWebHosts hosts) : IClassFixture<SharedWebHosts>
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private const string SeedCsv = """
        業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル
        人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9
        経理,当社宛請求書,過去3年分,経理部,経理部長,経理部,経理担当者のPC,3,3,2,3,2,6
        営業,顧客リスト,得意先,営業部,営業部長,営業部,営業担当者のPC,3,3,3,3,2,6

        """;

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string org, string csv, string fileName = "register.csv")
    {
        var token = await client.AntiforgeryTokenAsync($"/o/{org}/assets/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)]), "file", fileName },
        };
        return await client.PostAsync($"/o/{org}/assets/import", form);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Importing_the_seed_register_puts_nine_six_six_on_the_heat_map(DatabaseProvider provider)
    {
        var host = hosts.For(provider);
        var org = await host.OrganizationAsync("seed");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync("officer@example.jp");

        var response = await ImportAsync(client, "seed", SeedCsv);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var dashboard = await client.GetHtmlAsync("/o/seed");
        string Cell(int importance, int likelihood) =>
            dashboard.QuerySelector($"[data-testid='heatmap'] td[data-importance='{importance}'][data-likelihood='{likelihood}']")!.TextContent;
        Assert.StartsWith("1", Cell(3, 3).Trim(), StringComparison.Ordinal);
        Assert.StartsWith("2", Cell(3, 2).Trim(), StringComparison.Ordinal);
        Assert.StartsWith("0", Cell(2, 2).Trim(), StringComparison.Ordinal);
        Assert.Equal("3", dashboard.QuerySelector("[data-testid='band-high']")!.TextContent);

        var filtered = await client.GetHtmlAsync("/o/seed/assets?importance=3&likelihood=2");
        Assert.Equal(2, filtered.QuerySelectorAll("[data-testid='asset-table'] tbody tr").Length);
    }

    [Fact]
    public async Task A_bad_import_lists_every_problem_with_row_and_column_and_stores_nothing()
    {
        var host = hosts.For(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync("bad");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync("officer@example.jp");

        var response = await ImportAsync(client, "bad", SeedCsv.Replace("営業部長,営業部,営業担当者のPC,3,3,3", "営業部長,営業部,営業担当者のPC,4,3,3", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = (await response.HtmlAsync()).QuerySelector("[data-testid='import-problems'] tbody tr")!;
        Assert.Equal(["4", "機密性"], problems.QuerySelectorAll("td").Take(2).Select(td => td.TextContent));
        await using var db = host.Database.Open(org.Id);
        Assert.Empty(db.Assets);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_asset_is_created_validated_edited_and_deleted(DatabaseProvider provider)
    {
        var host = hosts.For(provider);
        var org = await host.OrganizationAsync("crud");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync("officer@example.jp");

        var invalid = await client.PostFormAsync("/o/crud/assets/new", new() { ["Input.Name"] = "顧客リスト", ["Input.Confidentiality"] = "3", ["Input.Integrity"] = "3" });
        var page = await invalid.HtmlAsync();
        Assert.Contains("1、2、3", page.QuerySelector("[data-valmsg-for='Input.Availability']")!.TextContent, StringComparison.Ordinal);

        var created = await client.PostFormAsync("/o/crud/assets/new", new()
        {
            ["Input.BusinessCategory"] = "営業",
            ["Input.Name"] = "顧客リスト",
            ["Input.Department"] = "営業部",
            ["Input.Confidentiality"] = "2",
            ["Input.Integrity"] = "2",
            ["Input.Availability"] = "1",
            ["Input.PersonalInformation"] = "true",
            ["Input.ThreatLikelihood"] = "3",
            ["Input.VulnerabilityExposure"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        await using (var db = host.Database.Open(org.Id))
        {
            var asset = Assert.Single(db.Assets);
            Assert.Equal((3, 2, 6), (asset.Importance.Value, asset.Likelihood!.Value.Value, asset.RiskValue!.Value.Value));
            var id = asset.Id;

            var duplicate = await client.PostFormAsync("/o/crud/assets/new", new() { ["Input.BusinessCategory"] = "営業", ["Input.Name"] = "顧客リスト", ["Input.Confidentiality"] = "1", ["Input.Integrity"] = "1", ["Input.Availability"] = "1" });
            Assert.Contains("既にあります", (await duplicate.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent, StringComparison.Ordinal);

            var stale = new Dictionary<string, string> { ["Input.Name"] = "顧客リスト", ["Input.Confidentiality"] = "1", ["Input.Integrity"] = "1", ["Input.Availability"] = "1", ["Input.Version"] = "0" };
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/o/crud/assets/{id}", stale)).StatusCode);
            var conflict = await client.PostFormAsync($"/o/crud/assets/{id}", stale);
            Assert.Contains("ほかの人が先に", (await conflict.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);

            var confirm = await client.GetHtmlAsync($"/o/crud/assets/{id}/delete");
            Assert.Contains("顧客リスト", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/o/crud/assets/{id}/delete", new())).StatusCode);
        }

        await using (var db = host.Database.Open(org.Id))
        {
            Assert.Empty(db.Assets);
            Assert.Equal(["Created", "Updated", "Deleted"], db.AuditEntries.Where(e => e.EntityType == "InformationAsset").AsEnumerable().OrderBy(e => e.Id).Select(e => e.Action.ToString()));
        }
    }

    [Fact]
    public async Task Search_sort_and_paging_work_on_the_database()
    {
        var host = hosts.For(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync("big");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        await using (var db = host.Database.Open(org.Id))
        {
            for (var i = 0; i < 120; i++)
            {
                db.Assets.Add(new Domain.Assets.InformationAsset(org.Id, $"資産{i:000}", Domain.Risk.Rating.From((i % 3) + 1), Domain.Risk.Rating.Low, Domain.Risk.Rating.Low) { Department = i % 2 == 0 ? "営業部" : "総務部" });
            }

            await db.SaveChangesAsync();
        }

        var client = await host.SignedInAsync("officer@example.jp");
        var page3 = await client.GetHtmlAsync("/o/big/assets?sort=-name&p=3");
        Assert.Equal(20, page3.QuerySelectorAll("[data-testid='asset-table'] tbody tr").Length);
        Assert.Equal("資産019", page3.QuerySelector("[data-testid='asset-table'] tbody tr td:nth-child(2)")!.TextContent);

        var search = await client.GetHtmlAsync("/o/big/assets?q=資産11&department=総務部");
        Assert.Equal(["資産111", "資産113", "資産115", "資産117", "資産119"], search.QuerySelectorAll("[data-testid='asset-table'] tbody tr td:nth-child(2)").Select(td => td.TextContent));

        var highest = await client.GetHtmlAsync("/o/big/assets?sort=-importance");
        Assert.Equal("3", highest.QuerySelector("[data-testid='asset-table'] tbody tr td:nth-child(8)")!.TextContent);
    }

    [Fact]
    public async Task Export_gives_xlsx_and_csv_with_the_register_and_defused_formulas()
    {
        var host = hosts.For(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync("export");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync("officer@example.jp");
        await ImportAsync(client, "export", SeedCsv + "営業,=1+2,,,,,,1,1,1,,,\n");

        var csv = await client.GetStringAsync("/o/export/assets/export?format=csv");
        Assert.StartsWith("業務分類,情報資産名称", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,,,,3,3,2,3,", csv, StringComparison.Ordinal);
        Assert.Contains("'=1+2", csv, StringComparison.Ordinal);

        var xlsx = await client.GetByteArrayAsync("/o/export/assets/export?format=xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var register = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = register.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(5, rows.Count);
        var injected = rows.Single(r => r.InnerText.Contains("=1+2", StringComparison.Ordinal)).Elements<Cell>().First(c => c.InnerText == "=1+2");
        Assert.Null(injected.CellFormula);
        Assert.NotEmpty(register.Worksheet.Descendants<CellFormula>());
    }

    [Fact]
    public async Task A_department_manager_edits_only_assets_of_their_department()
    {
        var host = hosts.For(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync("dept");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        await host.UserAsync("sales@example.jp", org, MemberRole.DepartmentManager, department: "営業部");
        var officer = await host.SignedInAsync("officer@example.jp");
        await ImportAsync(officer, "dept", SeedCsv);
        Guid sales, hr;
        await using (var db = host.Database.Open(org.Id))
        {
            sales = db.Assets.Single(a => a.Department == "営業部").Id;
            hr = db.Assets.Single(a => a.Department == "人事部").Id;
        }

        var manager = await host.SignedInAsync("sales@example.jp");
        var fields = new Dictionary<string, string> { ["Input.Name"] = "変更", ["Input.Department"] = "営業部", ["Input.Confidentiality"] = "1", ["Input.Integrity"] = "1", ["Input.Availability"] = "1" };

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync($"/o/dept/assets/{sales}", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostFormAsync($"/o/dept/assets/{hr}", fields, formPage: $"/o/dept/assets/{sales}")).StatusCode);
        var moved = await manager.PostFormAsync($"/o/dept/assets/{sales}", new(fields) { ["Input.Department"] = "人事部" });
        Assert.Contains("営業部", (await moved.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Department']")!.TextContent, StringComparison.Ordinal);
    }
}
