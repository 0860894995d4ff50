using Npgsql;

namespace Mamori.Cli.Tests;

public class The_organization_and_asset_commands
{
    [Fact]
    public async Task Create_an_organization_import_the_seed_and_list_it()
    {
        using var cli = new CliRunner();

        var created = await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("株式会社山田商事", created.Out, StringComparison.Ordinal);

        var imported = await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "yamada");
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("3 件", imported.Out, StringComparison.Ordinal);

        var listed = await cli.RunAsync("assets", "list", "--org", "yamada", "--format", "json");
        var assets = listed.Json().GetProperty("assets").EnumerateArray().ToList();
        Assert.Equal(["社員名簿", "顧客リスト", "当社宛請求書"], assets.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal([9, 6, 6], assets.Select(a => a.GetProperty("riskValue").GetInt32()));

        var orgs = await cli.RunAsync("orgs", "list", "--format", "json");
        var org = Assert.Single(orgs.Json().EnumerateArray().ToList());
        Assert.Equal(("yamada", 3), (org.GetProperty("slug").GetString(), org.GetProperty("assetCount").GetInt32()));
    }

    [Fact]
    public async Task An_import_leaves_its_rows_in_the_database_file_itself_before_the_command_ends()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");
        var file = cli.PathOf("mamori.db");
        var before = new FileInfo(file).Length;
        var rows = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"総務,資産{i:D5},備考{i},全社,総務部長,総務部,共有サーバ,1,2,1\n"));

        var result = await cli.RunAsync("assets", "import", cli.WriteFile("large.csv", "業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性\n" + rows), "--org", "yamada");

        Assert.Equal(0, result.ExitCode);
        // Not only in the write-ahead log beside it, which a copy of the file alone would miss.
        Assert.True(new FileInfo(file).Length > before + (2 * 1024 * 1024), $"{before} → {new FileInfo(file).Length}");
    }

    [Fact]
    public async Task A_bad_import_exits_one_names_every_problem_and_stores_nothing()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");
        var path = cli.WriteFile("bad.csv", "情報資産名称,機密性,完全性,可用性,担当\n社員名簿,3,3,2,x\n");

        var result = await cli.RunAsync("assets", "import", path, "--org", "yamada");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("何も登録していません", result.Error, StringComparison.Ordinal);
        Assert.Contains("「担当」", result.Error, StringComparison.Ordinal);
        var listed = await cli.RunAsync("assets", "list", "--org", "yamada", "--format", "json");
        Assert.Equal(0, listed.Json().GetProperty("assets").GetArrayLength());
    }

    [Fact]
    public async Task Importing_into_an_unknown_organization_is_refused()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nobody", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slug_cannot_be_taken_twice_or_be_invalid()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");

        Assert.Equal(1, (await cli.RunAsync("orgs", "create", "yamada", "--name", "別会社")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("orgs", "create", "Yamada Shoji", "--name", "別会社")).ExitCode);
    }

    [Fact]
    public async Task An_empty_installation_says_how_to_begin()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("orgs", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mamori orgs create", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_then_restore_into_a_new_file()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");
        await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "yamada");

        var backup = await cli.RunAsync("backup", "--out", cli.PathOf("snapshot.db"));
        Assert.Equal(0, backup.ExitCode);

        var restoredDb = cli.PathOf("restored.db");
        var restored = await cli.RunAsync("restore", cli.PathOf("snapshot.db"), "--db", restoredDb);
        Assert.Equal(0, restored.ExitCode);

        var listed = await cli.RunAsync("assets", "list", "--org", "yamada", "--db", restoredDb, "--format", "json");
        Assert.Equal(3, listed.Json().GetProperty("assets").GetArrayLength());

        var again = await cli.RunAsync("restore", cli.PathOf("snapshot.db"), "--db", restoredDb);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Works_the_same_on_PostgreSQL_by_connection_string()
    {
        var admin = Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES")
            ?? throw new InvalidOperationException("MAMORI_TEST_POSTGRES is not set; run the tests with ./test.");
        var name = $"mamori_cli_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", connection).ExecuteNonQueryAsync();
        }

        try
        {
            using var cli = new CliRunner();
            var target = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            Assert.Equal(0, (await cli.RunAsync("orgs", "create", "pg-co", "--name", "PG商事", "--connection", target)).ExitCode);
            Assert.Equal(0, (await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "pg-co", "--connection", target)).ExitCode);

            var listed = await cli.RunAsync("assets", "list", "--org", "pg-co", "--connection", target, "--format", "json");
            Assert.Equal([9, 6, 6], listed.Json().GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("riskValue").GetInt32()));
            Assert.False(File.Exists(cli.PathOf("mamori.db")));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }
}

public class The_export_command
{
    [Fact]
    public async Task Writes_the_register_as_the_IPA_workbook_that_imports_back()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");
        await cli.RunAsync("assets", "import", cli.WriteFile("seed.csv", SeedCsv.Text), "--org", "yamada");

        var result = await cli.RunAsync("export", "register", "--org", "yamada", "--format", "xlsx", "--out", cli.PathOf("register.xlsx"));

        Assert.Equal(0, result.ExitCode);
        var assessed = await cli.RunAsync("assess", cli.PathOf("register.xlsx"), "--format", "json");
        Assert.Equal([9, 6, 6], assessed.Json().GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("riskValue").GetInt32()).Order().Reverse());
        Assert.Equal(1, (await cli.RunAsync("export", "register", "--org", "yamada", "--format", "xlsx", "--out", cli.PathOf("register.xlsx"))).ExitCode);
    }

    [Fact]
    public async Task Refuses_a_format_the_kind_does_not_have_and_explains_an_empty_policy_set()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");

        Assert.Equal(2, (await cli.RunAsync("export", "policy", "--org", "yamada", "--format", "xlsx", "--out", cli.PathOf("p.xlsx"))).ExitCode);
        var empty = await cli.RunAsync("export", "policy", "--org", "yamada", "--format", "md", "--out", cli.PathOf("p.zip"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("公開済みの文書がありません", empty.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("p.zip")));
    }

    [Fact]
    public async Task Exports_the_employee_handbook_as_Word_or_PDF_only_and_says_when_nothing_for_everyone_is_published()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");

        Assert.Equal(2, (await cli.RunAsync("export", "handbook", "--org", "yamada", "--format", "md", "--out", cli.PathOf("h.zip"))).ExitCode);
        var empty = await cli.RunAsync("export", "handbook", "--org", "yamada", "--format", "docx", "--out", cli.PathOf("h.docx"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("全従業員向けに公開済みの文書がまだありません", empty.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("h.docx")));
    }
}

public class The_quick_command
{
    [Fact]
    public async Task Prints_the_standards_and_procedures_for_the_chosen_threats_with_the_company_name()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");

        var result = await cli.RunAsync("quick", "--org", "yamada", "--threats", "ransomware,insider", "--format", "md");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("## 5. 技術的対策", result.Out, StringComparison.Ordinal);
        Assert.Contains("多要素認証", result.Out, StringComparison.Ordinal);
        Assert.Contains("実施手順", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.RunAsync("quick", "--org", "yamada", "--threats", "nothing")).ExitCode);
    }
}

public class The_selfcheck_and_baseline_commands
{
    [Fact]
    public async Task Scores_answers_from_CSV_and_JSON_and_names_bad_rows()
    {
        using var cli = new CliRunner();
        var csv = "番号,回答\n" + string.Join("\n", Enumerable.Range(1, 25).Select(n => $"{n},{(n == 3 ? "一部実施している" : "実施している")}")) + "\n";
        var table = await cli.RunAsync("selfcheck", "score", cli.WriteFile("answers.csv", csv));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("98 / 100", table.Out, StringComparison.Ordinal);
        Assert.Contains("パスワード", table.Out, StringComparison.Ordinal);

        var json = "{" + string.Join(",", Enumerable.Range(1, 25).Select(n => $"\"{n}\": \"done\"")) + "}";
        var full = await cli.RunAsync("selfcheck", "score", cli.WriteFile("answers.json", json, bom: false), "--format", "json");
        Assert.Equal((100, "complete"), (full.Json().GetProperty("score").GetInt32(), full.Json().GetProperty("band").GetString()));

        var bad = await cli.RunAsync("selfcheck", "score", cli.WriteFile("bad.csv", "番号,回答\n1,たぶん\n"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("2 行目", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_gaps_with_answer_ids_the_input_accepts()
    {
        using var cli = new CliRunner();
        var json = "[" + string.Join(",", Enumerable.Range(1, 25).Select(n => $"{{\"no\": {n}, \"answer\": \"{(n == 24 ? "unknown" : n == 21 ? "not-done" : "done")}\"}}")) + "]";

        var result = await cli.RunAsync("selfcheck", "score", cli.WriteFile("answers.json", json, bom: false), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(91, result.Json().GetProperty("score").GetInt32());
        Assert.Equal(
            [(21, "not-done"), (24, "unknown")],
            result.Json().GetProperty("gaps").EnumerateArray().Select(g => (g.GetProperty("number").GetInt32(), g.GetProperty("answer").GetString())));
    }

    [Theory]
    [InlineData("twice.csv", "番号,回答\n1,done\n1,partly\n", "3 行目")]
    [InlineData("broken.json", "{\"1\": \"done\",", "broken.json")]
    [InlineData("noanswer.json", "[{\"no\": 1}]", "#1")]
    [InlineData("number.json", "42", "JSON")]
    public async Task Rejects_a_file_it_cannot_score_and_says_where(string name, string content, string where)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("selfcheck", "score", cli.WriteFile(name, content, bom: false));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(where, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Prints_the_tailored_rules_with_no_placeholder_left()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");

        var result = await cli.RunAsync("baseline", "--org", "yamada", "--format", "md");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# 1 組織的対策", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("テレワーク\n", result.Out.Split("# 13")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("{{", result.Out, StringComparison.Ordinal);
    }
}

public class The_soa_command
{
    [Fact]
    public async Task Writes_all_93_controls_to_xlsx_with_the_decisions_and_refuses_xlsx_without_a_file()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");
        var database = new Mamori.Data.MamoriDatabase(Mamori.Data.DatabaseOptions.ForSqliteFile(cli.PathOf("mamori.db")));
        await using (var listing = database.Open())
        {
            var org = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(listing.Organizations);
            await using var db = database.Open(org.Id);
            var officer = new Mamori.Domain.Organizations.Membership(org.Id, "u", Mamori.Domain.Organizations.MemberRole.SecurityOfficer);
            await Mamori.Features.Soa.DecideControl.HandleAsync(db, officer, org, new("7.5", Mamori.Domain.Soa.Applicability.Excluded, "サーバ室を持たない", Mamori.Domain.Soa.ImplementationStatus.NotStarted, null, null), "佐藤", DateTimeOffset.UtcNow);
        }

        var refused = await cli.RunAsync("soa", "--org", "yamada", "--format", "xlsx");
        var written = await cli.RunAsync("soa", "--org", "yamada", "--format", "xlsx", "--out", cli.PathOf("soa.xlsx"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(0, written.ExitCode);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(cli.PathOf("soa.xlsx"), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(94, rows.Count);
        Assert.Equal(["管理策番号", "管理策名", "分類", "適用/除外", "理由"], rows[0].Take(5));
        var excluded = rows.Single(r => r[0] == "7.5");
        Assert.Equal(["7.5", "物理的及び環境的脅威からの保護", "7 物理的管理策", "除外", "サーバ室を持たない"], excluded.Take(5));
        Assert.Equal("確認済", excluded[^1]);
        Assert.NotNull(sheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>());
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook));

        var word = await cli.RunAsync("soa", "--org", "yamada", "--format", "docx", "--out", cli.PathOf("soa.docx"));
        Assert.Equal(0, word.ExitCode);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(cli.PathOf("soa.docx"), false);
        var tableRows = document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(93, tableRows.Count(r => r.Count == 7 && r[0].Contains('.', StringComparison.Ordinal)));
        Assert.Equal(["7.5", "物理的及び環境的脅威からの保護", "除外", "サーバ室を持たない"], tableRows.Single(r => r[0] == "7.5").Take(4));
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document));
    }
}


public class The_scs_command
{
    [Fact]
    public async Task Prints_the_star3_assessment_as_json_and_writes_it_as_xlsx_and_docx()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "山田商事");
        var database = new Mamori.Data.MamoriDatabase(Mamori.Data.DatabaseOptions.ForSqliteFile(cli.PathOf("mamori.db")));
        int year;
        await using (var listing = database.Open())
        {
            var org = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(listing.Organizations);
            await using var db = database.Open(org.Id);
            var officer = new Mamori.Domain.Organizations.Membership(org.Id, "u", Mamori.Domain.Organizations.MemberRole.SecurityOfficer);
            var today = TimeProvider.System.Today(org);
            var (_, assessment) = await Mamori.Features.Scs.StartAssessment.HandleAsync(db, officer, org, "佐藤", DateTimeOffset.UtcNow, today);
            year = assessment!.Year;
            await Mamori.Features.Scs.AnswerCriterion.HandleAsync(db, officer, org, year, new("7-1-1-1", Mamori.Domain.Scs.ScsAnswerStatus.NotApplicable, "止まって困るシステムがない", null, null), "佐藤", DateTimeOffset.UtcNow, today, Mamori.Domain.Language.Japanese);
        }

        var json = await cli.RunAsync("scs", "--org", "yamada");
        var refused = await cli.RunAsync("scs", "--org", "yamada", "--format", "xlsx");
        var xlsx = await cli.RunAsync("scs", "--org", "yamada", "--format", "xlsx", "--out", cli.PathOf("scs.xlsx"));
        var docx = await cli.RunAsync("scs", "--org", "yamada", "--format", "docx", "--out", cli.PathOf("scs.docx"));

        Assert.Equal((0, 2, 0, 0), (json.ExitCode, refused.ExitCode, xlsx.ExitCode, docx.ExitCode));
        using var parsed = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Equal((year, 81), (parsed.RootElement.GetProperty("year").GetInt32(), parsed.RootElement.GetProperty("rows").GetArrayLength()));
        var answered = parsed.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "7-1-1-1");
        Assert.Equal(("not-applicable", "止まって困るシステムがない"), (answered.GetProperty("status").GetString(), answered.GetProperty("reason").GetString()));
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(cli.PathOf("scs.xlsx"), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(82, rows.Count);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook));
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(cli.PathOf("scs.docx"), false);
        Assert.Contains("止まって困るシステムがない", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document));
    }
}
