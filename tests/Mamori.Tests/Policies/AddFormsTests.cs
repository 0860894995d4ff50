using DocumentFormat.OpenXml.Packaging;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Documents.Docx;
using Mamori.Domain;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features;
using Mamori.Features.Audit;
using Mamori.Features.Policies;
using Mamori.Features.RuleValues;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Tests.Policies;

public class Adding_forms : PersistenceTest
{
    private static Membership Member(Organization organization, MemberRole role = MemberRole.SecurityOfficer) => new(organization.Id, Guid.NewGuid().ToString(), role);

    private MamoriDb Open(MamoriDatabase database, Organization organization) => database.Open(organization.Id, new Actor("tester", Time));

    private async Task<(int Documents, int Versions, int Audit)> CountsAsync(MamoriDatabase database, Organization organization)
    {
        await using var db = Open(database, organization);
        return (await db.PolicyDocuments.CountAsync(), await db.DocumentVersions.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Creates_each_chosen_form_as_an_audited_draft_and_the_five_rules_as_a_rule_set_for_everyone(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        await using var db = Open(test.Database, org);

        var result = await AddForms.HandleAsync(db, Member(org), ["incident-report", FormCatalog.FiveRulesId, "pledge-joining"], "佐藤", Time.GetUtcNow(), Language.Japanese);

        Assert.Equal(SaveStatus.Saved, result.Status);
        Assert.Equal(["情報セキュリティ5か条（全員が守る基本のルール）", "秘密保持誓約書（入社時）", "インシデント報告書"], result.Added.Select(d => d.Title));
        var documents = await db.PolicyDocuments.AsNoTracking().OrderBy(d => d.SourceKey).ToListAsync();
        Assert.Equal(
            [("form:five-rules", DocumentKind.Procedure, ""), ("form:incident-report", DocumentKind.Form, "6"), ("form:pledge-joining", DocumentKind.Form, "1")],
            documents.Select(d => (d.SourceKey, d.Kind, d.Number)));
        Assert.Equal([Audiences.AllEmployees], documents[0].Audiences);
        Assert.Equal(["5.24", "5.25", "5.26", "6.8"], documents[1].ControlIds);
        var versions = await db.DocumentVersions.AsNoTracking().ToListAsync();
        Assert.All(versions, v => Assert.Equal((1, VersionStatus.Draft, "様式から作成"), (v.Number, v.Status, v.Summary)));
        // Stored with its placeholders, so the organization's current values fill it whenever it is read.
        Assert.Contains("{{ rules.incident_first_report_hours }}", versions.Single(v => v.DocumentId == documents[1].Id).Body, StringComparison.Ordinal);

        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(PolicyDocument)).ToListAsync();
        Assert.Equal(documents.Select(d => d.Id.ToString()).Order(), audit.Where(a => a.Action == AuditAction.Created).Select(a => a.EntityId).Order());
        Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);
    }

    [Fact]
    public async Task Leaves_a_form_the_set_already_holds_as_it_is()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        await using var db = Open(test.Database, org);
        await AddForms.HandleAsync(db, Member(org), ["contacts"], "佐藤", Time.GetUtcNow(), Language.Japanese);
        var before = await CountsAsync(test.Database, org);

        var again = await AddForms.HandleAsync(db, Member(org), ["contacts", "training-record"], "佐藤", Time.GetUtcNow(), Language.Japanese);

        Assert.Equal(["contacts"], again.AlreadyThere);
        Assert.Equal(["教育・訓練の実施記録"], again.Added.Select(d => d.Title));
        Assert.Equal((before.Documents + 1, before.Versions + 1), ((await CountsAsync(test.Database, org)).Documents, (await CountsAsync(test.Database, org)).Versions));
        Assert.Equal(["contacts", "training-record"], (await AddForms.AddedAsync(db)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Adds_nothing_when_one_chosen_id_is_unknown_or_none_is_chosen_or_the_member_may_not_edit()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        var before = await CountsAsync(test.Database, org);
        await using var db = Open(test.Database, org);

        var unknown = await AddForms.HandleAsync(db, Member(org), ["contacts", "no-such-form"], "佐藤", Time.GetUtcNow(), Language.Japanese);
        var none = await AddForms.HandleAsync(db, Member(org), [" "], "佐藤", Time.GetUtcNow(), Language.Japanese);
        var employee = await AddForms.HandleAsync(db, Member(org, MemberRole.Employee), ["contacts"], "佐藤", Time.GetUtcNow(), Language.Japanese);

        Assert.Equal(SaveStatus.Invalid, unknown.Status);
        Assert.Equal(["no-such-form"], unknown.Unknown);
        Assert.Equal(SaveStatus.Invalid, none.Status);
        Assert.Equal(SaveStatus.Forbidden, employee.Status);
        Assert.Equal(before, await CountsAsync(test.Database, org));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_form_behind_when_a_later_one_fails(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        var failure = new FailingCommand("INSERT INTO \"PolicyDocuments\"", occurrence: 3);
        var failing = new MamoriDatabase(test.Database.Options with { Interceptors = [failure] });
        var before = await CountsAsync(test.Database, org);

        await using (var db = Open(failing, org))
        {
            var thrown = await Record.ExceptionAsync(() => AddForms.HandleAsync(db, Member(org), [.. FormCatalog.Files], "佐藤", Time.GetUtcNow(), Language.Japanese));
            Assert.True(InjectedFailure.IsIn(thrown), $"Expected the injected failure, got {thrown}");
        }

        Assert.True(failure.Failed);
        Assert.Equal(before, await CountsAsync(test.Database, org));
        await using var again = Open(test.Database, org);
        Assert.Equal(FormCatalog.Files.Count, (await AddForms.HandleAsync(again, Member(org), [.. FormCatalog.Files], "佐藤", Time.GetUtcNow(), Language.Japanese)).Added.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Touches_only_the_organization_it_is_added_to(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        var other = await CreateOrganizationAsync(test.Database, "other");
        await using (var db = Open(test.Database, other))
        {
            await AddForms.HandleAsync(db, Member(other), ["contacts"], "鈴木", Time.GetUtcNow(), Language.Japanese);
        }

        await using (var db = Open(test.Database, org))
        {
            Assert.Empty(await AddForms.AddedAsync(db));
            var result = await AddForms.HandleAsync(db, Member(org), ["contacts", "incident-report"], "佐藤", Time.GetUtcNow(), Language.Japanese);
            Assert.Empty(result.AlreadyThere);
            Assert.Equal(2, result.Added.Count);
        }

        Assert.Equal((1, 1), ((await CountsAsync(test.Database, other)).Documents, (await CountsAsync(test.Database, other)).Versions));
        Assert.Equal(2, (await CountsAsync(test.Database, org)).Documents);
    }
}

public class A_form_in_the_policy_book : PersistenceTest
{
    [Fact]
    public async Task Is_written_with_the_organizations_values_and_follows_a_changed_rule_value()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        await AddForms.HandleAsync(db, officer, ["pledge-leaving", "take-out-register"], "佐藤", Time.GetUtcNow(), Language.Japanese);

        async Task<Dictionary<string, string>> ReadAsync()
        {
            var current = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id);
            return (await RenderPolicy.PolicySetAsync(db, current, Time.Today(current), Language.Japanese, includeDrafts: true))
                .ToDictionary(d => d.Title, d => string.Concat(d.Sections.Select(s => s.Markdown)));
        }

        var before = await ReadAsync();
        Assert.Contains("株式会社forms（以下「会社」）を退職する", before["秘密保持誓約書（退職時）"], StringComparison.Ordinal);
        Assert.Contains("退職日から90日間", before["秘密保持誓約書（退職時）"], StringComparison.Ordinal);
        Assert.Contains("退職日から5年間保存", before["秘密保持誓約書（退職時）"], StringComparison.Ordinal);
        Assert.Contains("社外秘の情報は所属部門長", before["持ち出し管理簿"], StringComparison.Ordinal);

        await SaveRuleValues.HandleAsync(db, officer, new(new Dictionary<string, string?>
        {
            ["leaver_device_retention_days"] = "180", ["pledge_retention_years"] = "7", ["label_internal"] = "部外秘",
        }), Language.Japanese);

        var after = await ReadAsync();
        Assert.Contains("退職日から180日間", after["秘密保持誓約書（退職時）"], StringComparison.Ordinal);
        Assert.Contains("退職日から7年間保存", after["秘密保持誓約書（退職時）"], StringComparison.Ordinal);
        Assert.DoesNotContain("90日間", after["秘密保持誓約書（退職時）"], StringComparison.Ordinal);
        Assert.Contains("部外秘の情報は所属部門長", after["持ち出し管理簿"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comes_after_the_procedures_in_Word_with_its_blank_table_rows_kept()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "forms");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        await AddForms.HandleAsync(db, officer, ["take-out-register", FormCatalog.FiveRulesId], "佐藤", Time.GetUtcNow(), Language.Japanese);

        var documents = await RenderPolicy.PolicySetAsync(db, org, Time.Today(org), Language.Japanese, includeDrafts: true);
        Assert.Equal(["情報セキュリティ基本方針", "情報セキュリティ5か条（全員が守る基本のルール）", "持ち出し管理簿"], documents.Select(d => d.Title));
        using var stream = new MemoryStream();
        PolicyDocx.Write(stream, documents);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);
        var body = word.MainDocumentPart!.Document.Body!;

        // The register's table: a header and ten blank rows to fill in, nine columns each.
        var register = body.Descendants<Word.Table>().Single(t => t.Descendants<Word.TableRow>().First().InnerText.StartsWith("持ち出し日", StringComparison.Ordinal));
        var rows = register.Elements<Word.TableRow>().ToList();
        Assert.Equal(11, rows.Count);
        Assert.All(rows, r => Assert.Equal(9, r.Elements<Word.TableCell>().Count()));
        Assert.All(rows.Skip(1), r => Assert.Equal("", r.InnerText));
    }
}
