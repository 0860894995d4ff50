using System.Text;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Features;
using Mamori.Features.Audit;
using Mamori.Features.Inventories;
using Mamori.Features.Policies;
using Mamori.Features.Scs;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Inventories;

public class An_inventory : PersistenceTest
{
    private const string Devices = """
        機器名,種別,メーカー,機種,OS とその版,使う人・部署,設置場所,サポート期限,保守業者,備考
        営業用ノートPC,PC,富士通,U9,Windows 11 24H2,営業部,持ち出し可,2028/10/14,,
        ファイルサーバー,サーバー,Synology,DS923+,DSM 7.2,総務部,本社,,ミドリ電算,
        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Imports_a_file_all_or_nothing_naming_every_bad_row_and_column(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await OrganizationAsync(test.Database, "inv-import");
        await using var db = Open(test.Database, org);
        const string unknownColumn = """
            機器名,OS とその版,色
            営業用ノートPC,Windows 11,白
            """;
        const string badRows = """
            機器名,OS とその版,サポート期限
            営業用ノートPC,Windows 11,2028/10/14
            ,Windows 10,来年
            営業用ノートPC,Windows 11,
            """;

        var header = await ImportAsync(db, officer, InventoryKind.Devices, unknownColumn);
        var rows = await ImportAsync(db, officer, InventoryKind.Devices, badRows);

        Assert.Equal(SaveStatus.Invalid, header.Status);
        Assert.Equal(((int?)1, "色"), (Assert.Single(header.Problems).Row, header.Problems[0].Column));
        Assert.Equal(SaveStatus.Invalid, rows.Status);
        Assert.Contains(rows.Problems, p => p.Row == 3 && p.Column == "機器名");
        Assert.Contains(rows.Problems, p => p.Row == 3 && p.Column == "サポート期限" && p.Message.Contains("来年", StringComparison.Ordinal));
        Assert.Contains(rows.Problems, p => p.Row == 4 && p.Column == "機器名" && p.Message.Contains("2 行目", StringComparison.Ordinal));
        Assert.Empty(await db.InventoryItems.ToListAsync());

        var imported = await ImportAsync(db, officer, InventoryKind.Devices, Devices);
        var again = await ImportAsync(db, officer, InventoryKind.Devices, Devices);

        Assert.Equal((SaveStatus.Saved, 2), (imported.Status, imported.Imported));
        var items = await ListInventory.EntriesAsync(db, InventoryKind.Devices);
        Assert.Equal(["ファイルサーバー", "営業用ノートPC"], items.Select(i => i.Name).Order(StringComparer.Ordinal));
        var laptop = items.Single(i => i.Name == "営業用ノートPC");
        Assert.Equal(("Windows 11 24H2", new DateOnly(2028, 10, 14), "営業部"), (laptop.Software, laptop.SupportEndsOn, laptop.Holder));
        Assert.Equal(SaveStatus.Invalid, again.Status);
        Assert.Equal([2, 3], again.Problems.Select(p => p.Row!.Value));
        Assert.Equal(2, await db.InventoryItems.CountAsync());
        Assert.Equal(SaveStatus.Forbidden, (await ImportAsync(db, new Membership(org.Id, "auditor", MemberRole.Auditor), InventoryKind.Devices, Devices)).Status);
        Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);
    }

    [Fact]
    public async Task Reads_English_headers_and_marks_from_a_workbook_and_writes_what_it_reads()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (org, officer) = await OrganizationAsync(test.Database, "inv-xlsx");
        await using var db = Open(test.Database, org);
        var path = XlsxWriter.Write(Files.PathOf("services.xlsx"), [
            ["Service", "Provider", "Confidential data", "Data held", "Terms checked", "MFA", "Administrator"],
            ["Microsoft 365", "Microsoft", "○", "Mail", "yes", "", "総務部"],
            ["Slack", "Salesforce", "", "", "", "", ""],
        ]);
        await using (var file = File.OpenRead(path))
        {
            var result = await ImportInventory.HandleAsync(db, officer, InventoryKind.ExternalServices, file, "services.xlsx");
            Assert.Equal((SaveStatus.Saved, 2), (result.Status, result.Imported));
        }

        var services = await ListInventory.EntriesAsync(db, InventoryKind.ExternalServices);
        var m365 = services.Single(s => s.Name == "Microsoft 365");
        Assert.Equal((true, true, false, "総務部"), (m365.Confidential, m365.TermsChecked, m365.MfaEnforced, m365.Holder));

        using var csv = new MemoryStream();
        await ExportInventory.WriteCsvAsync(csv, InventoryKind.ExternalServices, services, Language.English);
        var written = Encoding.UTF8.GetString(csv.ToArray());
        Assert.StartsWith("\uFEFFService,Provider,Purpose,Confidential data", written, StringComparison.Ordinal);
        using var xlsx = new MemoryStream();
        await ExportInventory.WriteXlsxAsync(xlsx, InventoryKind.ExternalServices, services, Language.Japanese);

        // Both exports read back into an empty organization as the same entries.
        var (other, otherOfficer) = await OrganizationAsync(test.Database, "inv-xlsx-2");
        await using var second = Open(test.Database, other);
        xlsx.Position = 0;
        Assert.Equal(SaveStatus.Saved, (await ImportInventory.HandleAsync(second, otherOfficer, InventoryKind.ExternalServices, xlsx, "services.xlsx")).Status);
        var reread = await ListInventory.EntriesAsync(second, InventoryKind.ExternalServices);
        Assert.Equal(services.Select(Row), reread.Select(Row));
    }

    [Fact]
    public void Reads_each_header_as_one_column_only_in_either_language()
    {
        foreach (var kind in Inventory.Kinds)
        {
            var columns = Inventory.Columns(kind);
            var headers = columns.SelectMany(c => c.Headers(Language.Japanese).Concat(c.Headers(Language.English)).Select(h => (Header: Mamori.Import.RegisterColumns.Normalize(h), c.Key)))
                .Distinct().GroupBy(h => h.Header).Where(g => g.Count() > 1).Select(g => $"{kind}: {g.Key}").ToList();
            Assert.Empty(headers);
            Assert.Equal(columns.Count, ImportInventory.HeaderMap(columns).Values.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Of_another_organization_is_not_found_to_read_change_or_delete(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (mine, officer) = await OrganizationAsync(test.Database, "inv-own");
        var (theirs, theirOfficer) = await OrganizationAsync(test.Database, "inv-foreign");
        Guid foreignId;
        await using (var db = Open(test.Database, theirs))
        {
            var saved = await SaveInventoryItem.HandleAsync(db, theirOfficer, InventoryKind.AdminIds, null, new() { System = "NAS", Name = "admin", Holder = "他社の田中" });
            Assert.Equal(SaveStatus.Saved, saved.Status);
            foreignId = saved.Item!.Id;
        }

        await using var own = Open(test.Database, mine);
        var change = await SaveInventoryItem.HandleAsync(own, officer, InventoryKind.AdminIds, foreignId, new() { System = "NAS", Name = "admin" });
        var delete = await DeleteInventoryItem.HandleAsync(own, officer, InventoryKind.AdminIds, foreignId);

        Assert.Equal((SaveStatus.NotFound, SaveStatus.NotFound), (change.Status, delete.Status));
        Assert.Empty(await ListInventory.EntriesAsync(own, InventoryKind.AdminIds));
        Assert.Equal(0, (await ListInventory.CountsAsync(own))[InventoryKind.AdminIds].Entries);
        await using var check = Open(test.Database, theirs);
        Assert.Equal("他社の田中", (await check.InventoryItems.SingleAsync()).Holder);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_saved_with_its_name_required_and_unique_and_deleted_by_a_risk_manager_only(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await OrganizationAsync(test.Database, "inv-save");
        var auditor = new Membership(org.Id, "auditor", MemberRole.Auditor);
        await using var db = Open(test.Database, org);

        var missing = await SaveInventoryItem.HandleAsync(db, officer, InventoryKind.Networks, null, new() { Name = " " });
        var saved = await SaveInventoryItem.HandleAsync(db, officer, InventoryKind.Networks, null, new() { Name = "本社 LAN", Category = "LAN", Privileges = "(not a network field)" });
        var twice = await SaveInventoryItem.HandleAsync(db, officer, InventoryKind.Networks, null, new() { Name = "本社 LAN" });
        var byAuditor = await SaveInventoryItem.HandleAsync(db, auditor, InventoryKind.Networks, null, new() { Name = "来客用 Wi-Fi" });

        Assert.Equal((SaveStatus.Invalid, "Name"), (missing.Status, Assert.Single(missing.Errors).Key));
        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Equal(("LAN", ""), (saved.Item!.Category, saved.Item.Privileges));
        Assert.Equal((SaveStatus.Invalid, "Name"), (twice.Status, Assert.Single(twice.Errors).Key));
        Assert.Equal(SaveStatus.Forbidden, byAuditor.Status);
        Assert.Equal(SaveStatus.Forbidden, (await DeleteInventoryItem.HandleAsync(db, auditor, InventoryKind.Networks, saved.Item.Id)).Status);
        Assert.Equal(SaveStatus.NotFound, (await DeleteInventoryItem.HandleAsync(db, officer, InventoryKind.Devices, saved.Item.Id)).Status);
        Assert.Equal(SaveStatus.Saved, (await DeleteInventoryItem.HandleAsync(db, officer, InventoryKind.Networks, saved.Item.Id)).Status);
        Assert.Empty(await db.InventoryItems.ToListAsync());
        Assert.Contains(await db.AuditEntries.Select(e => e.EntityType).ToListAsync(), t => t.Contains("InventoryItem", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_entries_proposes_its_way_to_know_criteria_citing_itself_and_only_partly_met_while_entries_lack_what_it_asks(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await OrganizationAsync(test.Database, "inv-scs");
        await using var db = Open(test.Database, org);
        Star3Assessment.Row RowOf(Star3Assessment.Sheet sheet, string id) => sheet.Rows.Single(r => r.Criterion.Id == id);

        var empty = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);
        Assert.DoesNotContain(RowOf(empty, "3-1-1-1").Grounds, g => g.Kind == "register");

        await ImportAsync(db, officer, InventoryKind.Devices, Devices);
        await SaveInventoryItem.HandleAsync(db, officer, InventoryKind.AdminIds, null, new() { System = "NAS", Name = "admin", Holder = "田中" });
        await SaveInventoryItem.HandleAsync(db, officer, InventoryKind.AdminIds, null, new() { System = "ルーター", Name = "admin" });
        var sheet = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);

        var devices = RowOf(sheet, "3-1-1-1");
        Assert.Equal((true, ScsAnswerStatus.Met), (devices.IsProposal, devices.Status));
        var ground = Assert.Single(devices.Grounds, g => g.Kind == "register");
        Assert.Equal(("「端末・OS」の一覧に 2 件が登録されています", "register:devices"), (ground.Label, ground.Link));
        Assert.Equal("端末・OS", sheet.Links["register:devices"]);
        var adminIds = RowOf(sheet, "4-1-2-5");
        Assert.Equal((true, ScsAnswerStatus.Partial), (adminIds.IsProposal, adminIds.Status));
        Assert.Contains("うち 1 件は持ち主が書かれていません", Assert.Single(adminIds.Grounds, g => g.Kind == "register").Label, StringComparison.Ordinal);
        Assert.DoesNotContain(RowOf(sheet, "3-1-2-1").Grounds, g => g.Kind == "register");

        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        Assert.Empty(await db.ScsAnswers.ToListAsync());
        Assert.Equal(2, await AnswerCriterion.ConfirmProposalsAsync(db, officer, org, 2026, ["3-1-1-1", "4-1-2-5"], "佐藤", Time.GetUtcNow(), Today, Language.Japanese));
        var answers = await db.ScsAnswers.AsNoTracking().ToDictionaryAsync(a => a.CriterionId);
        Assert.Equal((ScsAnswerStatus.Met, ScsAnswerStatus.Partial), (answers["3-1-1-1"].Status, answers["4-1-2-5"].Status));
        Assert.Contains("register:devices", answers["3-1-1-1"].Links);
        Assert.Contains("「端末・OS」の一覧に 2 件", answers["3-1-1-1"].Source, StringComparison.Ordinal);
        var saved = await AnswerCriterion.HandleAsync(db, officer, org, 2026, new("4-1-2-5", ScsAnswerStatus.Met, null, null, ["register:admin-ids"]), "佐藤", Time.GetUtcNow(), Today, Language.Japanese);
        Assert.Equal(SaveStatus.Saved, saved.Status);
    }

    private static string Row(InventoryItem item) => string.Join("|", Inventory.Columns(item.Kind).Select(c => c.Display(item)));

    private async Task<ImportInventory.Result> ImportAsync(MamoriDb db, Membership membership, InventoryKind kind, string csv)
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await ImportInventory.HandleAsync(db, membership, kind, file, "inventory.csv");
    }

    private DateOnly Today => Time.Today(null);

    private MamoriDb Open(MamoriDatabase database, Organization org) => database.Open(org.Id, new Actor("tester", Time));

    private async Task<(Organization, Membership)> OrganizationAsync(MamoriDatabase database, string slug)
    {
        var org = await CreateOrganizationAsync(database, slug);
        await using var db = Open(database, org);
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        return (org, new Membership(org.Id, "佐藤", MemberRole.SecurityOfficer));
    }
}
