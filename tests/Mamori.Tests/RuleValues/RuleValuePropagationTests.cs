using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Quick;
using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.RuleValues;
using Mamori.Features.Soa;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.RuleValues;

public class Changing_a_rule_value : PersistenceTest
{
    private const string Rule = "重大な脆弱性を修正する更新は、公開から {{ rules.patch_critical_days }} 日以内に適用する。";

    private MamoriDb Open(TestDatabase test, Organization organization) => test.Database.Open(organization.Id, new Actor("tester", Time));

    private static Membership Officer(Organization organization) => new(organization.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);

    private async Task<PolicyDocument> DocumentAsync(MamoriDb db, Organization org, string number, string body, params DocumentLifecycle.Step[] steps)
    {
        var saved = await SaveDocument.HandleAsync(db, Officer(org), null, new SaveDocument.Request { Number = number, Title = $"基準{number}", Body = body, Summary = "新規制定" }, "佐藤", Time.GetUtcNow());
        foreach (var step in steps)
        {
            Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, Officer(org), org, saved.Draft!.Id, step, "田中", Time.GetUtcNow()));
        }

        return saved.Document!;
    }

    private static async Task<Dictionary<string, string>> ReadAsync(MamoriDb db, Organization org, DateOnly today)
    {
        var current = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id);
        return (await RenderPolicy.PolicySetAsync(db, current, today, Language.Japanese, includeDrafts: true))
            .ToDictionary(d => d.Title, d => string.Concat(d.Sections.Select(s => s.Markdown)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reaches_every_draft_that_uses_it_and_flags_every_approved_or_published_one_naming_it(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "values");
        await using var db = Open(test, org);
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        var roles = await db.PolicyRoles.ToListAsync();
        var submitApprove = new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve };
        await DocumentAsync(db, org, "1", Rule);
        await DocumentAsync(db, org, "2", Rule, [.. submitApprove]);
        await DocumentAsync(db, org, "3", Rule, [.. submitApprove, DocumentLifecycle.Step.Publish]);
        await DocumentAsync(db, org, "4", "ログは {{ rules.log_retention_months }} か月保存する。", [.. submitApprove, DocumentLifecycle.Step.Publish]);
        await DocumentAsync(db, org, "5", Rule, DocumentLifecycle.Step.Submit);
        // A Lv.1 standard generated with a measure that uses the value: stored with its placeholder.
        var quick = GenerateStandards.Generate("ransomware", org, roles, new GenerateStandards.Edits(null, new Dictionary<string, string>(), [(MeasureSection.Technological, Rule)]), Language.Japanese);
        Assert.Contains("{{ rules.patch_critical_days }}", quick.Markdown, StringComparison.Ordinal);
        Assert.Contains("14 日以内", quick.Text, StringComparison.Ordinal);
        await AdoptStandards.HandleAsync(db, Officer(org), [quick], "佐藤", Time.GetUtcNow());
        var before = await ReadAsync(db, org, Time.Today(org));
        Assert.All(new[] { "基準1", "基準2", "基準3", "基準5", quick.Title }, t => Assert.Contains("14 日以内", before[t], StringComparison.Ordinal));

        var change = await SaveRuleValues.HandleAsync(db, Officer(org), new(new Dictionary<string, string?> { ["patch_critical_days"] = "7" }), Language.Japanese);

        Assert.Equal(["patch_critical_days"], change.Changed);
        Assert.Equal(["基準2", "基準3"], change.Flagged.Select(d => d.Title));
        var after = await ReadAsync(db, org, Time.Today(org));
        // Drafts (and a version in review) read the new value at once.
        Assert.All(new[] { "基準1", "基準5", quick.Title }, t =>
        {
            Assert.Contains("7 日以内", after[t], StringComparison.Ordinal);
            Assert.DoesNotContain("14 日以内", after[t], StringComparison.Ordinal);
        });
        // Approved and published versions keep the value they were approved with, and are flagged naming it.
        Assert.All(new[] { "基準2", "基準3" }, t => Assert.Contains("14 日以内", after[t], StringComparison.Ordinal));
        var statuses = await DocumentStatus.ListAsync(db, Time.Today(org));
        var flagged = statuses.Where(s => s.RevisionRecommended).ToList();
        Assert.Equal(["基準2", "基準3"], flagged.Select(s => s.Document.Title));
        Assert.All(flagged, s => Assert.Equal(
            new DocumentStatus.RuleValueChange("patch_critical_days", "14", "7"), Assert.Single(s.ChangedRuleValues)));
        Assert.Equal("重大・高の脆弱性を修正する更新の適用期限: 14 日以内 → 7 日以内", flagged[0].ChangedRuleValues[0].Describe(Language.Japanese));
        Assert.Equal(["重大・高の脆弱性を修正する更新の適用期限"], flagged[0].ChangedRuleValueLabels(Language.Japanese));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Clears_the_flag_once_a_revision_with_the_new_value_is_published(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "values");
        await using var db = Open(test, org);
        var document = await DocumentAsync(db, org, "1", Rule, DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish);
        await SaveRuleValues.HandleAsync(db, Officer(org), new(new Dictionary<string, string?> { ["patch_critical_days"] = "10" }), Language.Japanese);
        org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id);
        var stored = await db.PolicyDocuments.AsNoTracking().SingleAsync();

        // The text has not changed; saving it as it is makes the draft that takes the new value.
        var revision = await SaveDocument.HandleAsync(db, Officer(org), document.Id, new SaveDocument.Request { Number = "1", Title = "基準1", Body = Rule, Summary = "基準値の変更", Version = stored.Version }, "佐藤", Time.GetUtcNow());
        Assert.Equal(2, revision.Draft!.Number);
        Assert.True((await DocumentStatus.ListAsync(db, Time.Today(org))).Single().RevisionRecommended);
        foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
        {
            await DocumentLifecycle.HandleAsync(db, Officer(org), org, revision.Draft.Id, step, "田中", Time.GetUtcNow());
        }

        var status = (await DocumentStatus.ListAsync(db, Time.Today(org))).Single();
        Assert.False(status.RevisionRecommended);
        Assert.Equal(new Dictionary<string, string> { ["patch_critical_days"] = "10" }, status.Published!.RuleValues);
        Assert.Contains("10 日以内", (await ReadAsync(db, org, Time.Today(org)))["基準1"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stores_generated_drafts_with_their_placeholders_so_a_renamed_role_reaches_them(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "roles");
        await using var db = Open(test, org);
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        var quick = GenerateStandards.Generate("ransomware", org, await db.PolicyRoles.ToListAsync(), GenerateStandards.Edits.None, Language.Japanese);
        await AdoptStandards.HandleAsync(db, Officer(org), [quick], "佐藤", Time.GetUtcNow());
        await Mamori.Features.Soa.DecideControl.HandleAsync(db, Officer(org), org, new("7.5", Domain.Soa.Applicability.Applicable, "必要", Domain.Soa.ImplementationStatus.Planned, null, null), "佐藤", Time.GetUtcNow());
        await GenerateControlStandards.HandleAsync(db, Officer(org), org, "佐藤", Time.GetUtcNow(), Language.Japanese);

        var administrator = await db.PolicyRoles.SingleAsync(r => r.Key == "system_administrator");
        administrator.Title = "IT担当";
        await db.SaveChangesAsync();

        var read = await ReadAsync(db, org, Time.Today(org));
        var procedure = quick.Procedures.Single(p => p.Audience == Audiences.SystemAdministrators).Title;
        Assert.Contains("IT担当", read[procedure], StringComparison.Ordinal);
        Assert.Contains("IT担当", read["物理的及び環境的脅威からの保護"], StringComparison.Ordinal);
        Assert.DoesNotContain("{{", string.Concat(read.Values), StringComparison.Ordinal);
    }
}
