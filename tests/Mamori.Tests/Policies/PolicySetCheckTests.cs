using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Soa;
using Mamori.Features.Policies;
using Mamori.Features.Soa;
using Mamori.Tests.Documents.Books;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Mamori.Features.Policies.CheckPolicySet;

namespace Mamori.Tests.Policies;

public class The_policy_set_check : PersistenceTest
{
    private static Membership Officer(Organization organization) => new(organization.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);

    private async Task<PolicyDocument> AddAsync(MamoriDb db, Organization org, string number, string body, DocumentKind kind = DocumentKind.Standard, Guid? standard = null, List<string>? controls = null, bool publish = false)
    {
        var saved = await SaveDocument.HandleAsync(db, Officer(org), null, new SaveDocument.Request
        {
            Kind = kind, Number = number, Title = $"文書{number}", Body = body, Summary = "新規制定", StandardId = standard, ControlIds = controls ?? [],
            Audiences = kind == DocumentKind.Procedure ? [Audiences.AllEmployees] : [],
        }, "佐藤", Time.GetUtcNow());
        Assert.Equal(Features.SaveStatus.Saved, saved.Status);
        if (publish)
        {
            foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
            {
                Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, Officer(org), org, saved.Draft!.Id, step, "田中", Time.GetUtcNow()));
            }
        }

        return saved.Document!;
    }

    /// <summary>The small Lv.1 set (ransomware and business e-mail compromise), which has no findings of its own, and a context on it.</summary>
    private async Task<(TestDatabase Test, Organization Org, MamoriDb Db)> SmallSetAsync()
    {
        var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await PolicyBooks.CreateAsync(test, Time, full: false);
        return (test, org, test.Database.Open(org.Id, new Actor("tester", Time)));
    }

    private async Task<IReadOnlyList<Finding>> CheckAsync(MamoriDb db, Organization org) =>
        (await CheckPolicySet.HandleAsync(db, Officer(org), org, Time.Today(org), Language.Japanese))!;

    internal static string Describe(IEnumerable<Finding> findings) =>
        string.Join(Environment.NewLine, findings.Select(f => $"{f.Kind} | {f.DocumentNumber} {f.DocumentTitle} | {f.Section} | {f.Text} | {f.Detail}"));

    [Fact]
    public async Task Finds_a_deadline_one_document_states_differently_naming_document_section_and_text()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        await AddAsync(db, org, "20", "## 更新の適用\n\n重大な脆弱性を修正するパッチは、公開から{{ rules.patch_critical_days }}日以内に適用する。");
        await AddAsync(db, org, "21", "## サーバーの更新\n\n重大な脆弱性を修正するパッチは、公開から30日以内に適用する。");

        var findings = await CheckAsync(db, org);

        var finding = Assert.Single(findings);
        Assert.Equal((Kind.ConflictingValue, "21", "文書21", "サーバーの更新"), (finding.Kind, finding.DocumentNumber, finding.DocumentTitle, finding.Section));
        Assert.Equal("重大な脆弱性を修正するパッチは、公開から30日以内に適用する。", finding.Text);
        Assert.Contains("14日以内", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_a_frequency_and_an_amount_that_differ_but_not_the_values_that_agree()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        await AddAsync(db, org, "20", "## 教育\n\n全従業員に情報セキュリティ教育を半年に1回実施する。バックアップは毎営業日取得し、毎週離れた場所にコピーする。\n\n## 送金\n\n100万円以上の送金は2人で承認する。アクセス権は3か月に1回以上棚卸しする。アクセス権は、半年に1回以上棚卸しする。");

        var findings = await CheckAsync(db, org);

        Assert.Equal(["半年に1回", "100万円", "3か月に1回"], findings.Select(f => f.Detail.Split('」')[0].TrimStart('「')));
        Assert.Equal(["教育", "送金", "送金"], findings.Select(f => f.Section));
    }

    [Fact]
    public async Task Finds_an_approved_document_that_keeps_a_value_the_organization_has_since_changed()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        const string rule = "## 更新\n\n重大な脆弱性を修正する更新は、公開から{{ rules.patch_critical_days }}日以内に適用する。";
        await AddAsync(db, org, "20", rule, publish: true);
        await AddAsync(db, org, "21", rule);
        await Features.RuleValues.SaveRuleValues.HandleAsync(db, Officer(org), new(new Dictionary<string, string?> { ["patch_critical_days"] = "7" }), Language.Japanese);
        var current = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id);
        current.Representative = org.Representative;

        var findings = await CheckAsync(db, current);

        var finding = Assert.Single(findings);
        Assert.Equal((Kind.ConflictingValue, "20"), (finding.Kind, finding.DocumentNumber));
        Assert.Contains("「14日」", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("7日以内", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_unknown_and_empty_placeholders()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        org.Industry = "";
        await AddAsync(db, org, "20", "## 範囲\n\n更新は {{ rules.patch_deadline }} 日以内に適用する。当社の業種は {{ organization.industry }} である。");

        var findings = await CheckAsync(db, org);

        Assert.All(findings, f => Assert.Equal((Kind.Placeholder, "範囲"), (f.Kind, f.Section)));
        Assert.Equal(2, findings.Count);
        Assert.Contains("rules.patch_deadline", findings[0].Detail, StringComparison.Ordinal);
        Assert.Contains("organization.industry", findings[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_a_role_the_roles_table_lacks_and_a_default_title_the_organization_renamed()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        await AddAsync(db, org, "20", "## 承認\n\n支払いは経理責任者が確認し、{{ roles.security_officer }}が承認する。");

        Assert.Equal(["経理責任者"], (await CheckAsync(db, org)).Select(f => f.Detail.Split('」')[0].Split('「')[1]));

        (await db.PolicyRoles.SingleAsync(r => r.Key == "system_administrator")).Title = "IT担当";
        await db.SaveChangesAsync();
        await AddAsync(db, org, "21", "## 設定\n\nシステム管理者が設定し、{{ roles.system_administrator }}が確認する。");

        var findings = await CheckAsync(db, org);
        Assert.Equal(["20 経理責任者", "21 システム管理者"], findings.Select(f => $"{f.DocumentNumber} {f.Detail.Split('」')[0].Split('「')[1]}"));
    }

    [Fact]
    public async Task Finds_a_document_citing_a_control_the_soa_excludes()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        await AddAsync(db, org, "20", "## 入退室\n\n執務室の入退室は A.7.2 に従って管理する。", controls: ["7.2"]);
        Assert.Empty(await CheckAsync(db, org));

        await DecideControl.HandleAsync(db, Officer(org), org, new("7.2", Applicability.Excluded, "執務室を持たない", ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());
        var findings = await CheckAsync(db, org);

        var finding = Assert.Single(findings);
        Assert.Equal((Kind.ExcludedControl, "20", "入退室"), (finding.Kind, finding.DocumentNumber, finding.Section));
        Assert.Contains("A.7.2", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_a_published_procedure_whose_standard_is_a_draft_until_the_standard_is_published()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        var standard = await AddAsync(db, org, "20", "## 目的\n\n持ち出しを管理する。");
        await AddAsync(db, org, "20.1", "## 手順\n\n持ち出すときは申請する。", DocumentKind.Procedure, standard.Id, publish: true);

        var finding = Assert.Single(await CheckAsync(db, org));
        Assert.Equal((Kind.UnpublishedStandard, "20.1"), (finding.Kind, finding.DocumentNumber));
        Assert.Contains("20 文書20", finding.Detail, StringComparison.Ordinal);

        var draft = await db.DocumentVersions.SingleAsync(v => v.DocumentId == standard.Id);
        foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
        {
            await DocumentLifecycle.HandleAsync(db, Officer(org), org, draft.Id, step, "田中", Time.GetUtcNow());
        }

        Assert.Empty(await CheckAsync(db, org));
    }

    [Fact]
    public async Task Finds_spellings_outside_the_house_style_but_not_in_quoted_control_titles()
    {
        var (test, org, db) = await SmallSetAsync();
        await using var _ = test;
        await using var __ = db;
        await AddAsync(db, org, "20", "## 機器\n\nサーバの設定を記録し、ぜい弱性を管理する（A.8.8 技術的ぜい弱性の管理）。");

        var findings = await CheckAsync(db, org);

        Assert.All(findings, f => Assert.Equal((Kind.HouseStyle, "機器"), (f.Kind, f.Section)));
        Assert.Equal(2, findings.Count);
        Assert.Contains("「サーバー」", findings[0].Detail, StringComparison.Ordinal);
        Assert.Contains("「脆弱性」", findings[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_someone_who_may_not_read_the_policy_set()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "check");
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));

        Assert.Null(await CheckPolicySet.HandleAsync(db, new Membership(org.Id, "e", MemberRole.Employee), org, Time.Today(org), Language.Japanese));
        Assert.Empty((await CheckPolicySet.HandleAsync(db, Officer(org), org, Time.Today(org), Language.Japanese))!);
    }
}

public class The_whole_policy_set_with_default_values : PersistenceTest
{
    /// <summary>
    /// Every Lv.1 topic, every Lv.2 chapter and all 93 control standards, built through the product's use cases with
    /// the default rule values and roles table: the set agrees with itself.
    /// </summary>
    [Fact]
    public async Task Has_no_findings()
    {
        var (test, org) = await PolicyBooks.FullSetAsync();
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        Assert.True(await db.PolicyDocuments.CountAsync(d => d.SourceKey.StartsWith("soa:")) == 93);

        var findings = (await CheckPolicySet.HandleAsync(db, new Membership(org.Id, "a", MemberRole.Auditor), org, Time.Today(org), Language.Japanese))!;

        Assert.True(findings.Count == 0, $"{findings.Count} findings:{Environment.NewLine}{The_policy_set_check.Describe(findings)}");
    }
}

public class The_value_topics_catalog
{
    [Fact]
    public void Gives_words_in_both_languages_for_rule_values_only()
    {
        foreach (var culture in new[] { Language.Japanese, Language.English })
        {
            var topics = Mamori.Catalogs.ValueTopicsCatalog.For(culture);
            Assert.Contains("patch_critical_days", topics.Words.Keys);
            Assert.All(topics.Words, t => Assert.NotNull(Mamori.Catalogs.RuleValuesCatalog.For(culture).Find(t.Key)));
        }
    }

    [Fact]
    public void Refuses_a_key_that_is_not_a_rule_value()
    {
        string Read(string name) => name == "value-topics.yaml"
            ? "version: 1\ntopics:\n  - key: no_such_value\n    ja: [語]\n    en: [word]\n"
            : Mamori.Catalogs.CatalogSet.ReadEmbedded(name);

        var error = Assert.Throws<Mamori.Catalogs.CatalogException>(() => Mamori.Catalogs.ValueTopicsCatalog.Load(Language.Japanese, Read));
        Assert.Contains("no_such_value", error.Message, StringComparison.Ordinal);
    }
}
