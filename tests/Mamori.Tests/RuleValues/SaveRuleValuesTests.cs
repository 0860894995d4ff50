using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.RuleValues;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.RuleValues;

public class Saving_rule_values : PersistenceTest
{
    private static Membership Member(Organization organization, MemberRole role) => new(organization.Id, Guid.NewGuid().ToString(), role);

    private static SaveRuleValues.Request Values(params (string Key, string? Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value));

    private MamoriDb Open(TestDatabase test, Organization organization) => test.Database.Open(organization.Id, new Actor("tester", Time));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keeps_several_values_in_one_audited_commit_and_a_default_as_no_entry(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "values");
        await using var db = Open(test, org);
        var entries = await db.AuditEntries.CountAsync();

        var result = await SaveRuleValues.HandleAsync(db, Member(org, MemberRole.SecurityOfficer),
            Values(("patch_critical_days", "７"), ("patch_cvss_threshold", "6.5"), ("backup_frequency", "daily"), ("label_secret", " 機密 "), ("payment_dual_approval_yen", "1,000,000"), ("screen_lock_minutes", "5")),
            Language.Japanese);

        Assert.Equal(SaveStatus.Saved, result.Status);
        Assert.Equal(["patch_critical_days", "patch_cvss_threshold", "backup_frequency", "payment_dual_approval_yen", "label_secret"], result.Changed);
        await using var read = Open(test, org);
        var stored = (await read.Organizations.SingleAsync(o => o.Id == org.Id)).RuleValues;
        Assert.Equal(new Dictionary<string, string>
        {
            ["patch_critical_days"] = "7",
            ["patch_cvss_threshold"] = "6.5",
            ["backup_frequency"] = "daily",
            ["label_secret"] = "機密",
            ["payment_dual_approval_yen"] = "1000000",
        }, stored);
        var audit = await read.AuditEntries.Where(e => e.EntityType == nameof(Organization)).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(entries + 1, await read.AuditEntries.CountAsync());
        Assert.Contains("機密", audit[^1].After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Saves_nothing_when_one_value_is_wrong_and_names_each_wrong_key_with_its_label(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "values");
        await using var db = Open(test, org);

        var result = await SaveRuleValues.HandleAsync(db, Member(org, MemberRole.Administrator), Values(
                ("patch_other_days", "20"),
                ("patch_critical_days", "30"),
                ("patch_cvss_threshold", "6.55"),
                ("lockout_failures", "5.5"),
                ("screen_lock_minutes", "five"),
                ("backup_frequency", "hourly"),
                ("label_public", new string('公', 41)),
                ("label_internal", "社外\n秘"),
                ("approver_secret", "  "),
                ("ppc_final_days", "30"),
                ("no_such_value", "1")),
            Language.Japanese);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Equal(
            ["patch_critical_days", "patch_cvss_threshold", "lockout_failures", "screen_lock_minutes", "backup_frequency", "label_public", "label_internal", "approver_secret", "ppc_final_days", "no_such_value"],
            result.Errors.Keys);
        Assert.Equal("patch_critical_days（重大・高の脆弱性を修正する更新の適用期限）: 1〜14（日以内）の範囲で入力してください。", Assert.Single(result.Errors["patch_critical_days"]));
        Assert.Contains("小数は 1 桁まで", result.Errors["patch_cvss_threshold"][0], StringComparison.Ordinal);
        Assert.Contains("整数", result.Errors["lockout_failures"][0], StringComparison.Ordinal);
        Assert.Contains("every-business-day", result.Errors["backup_frequency"][0], StringComparison.Ordinal);
        Assert.Contains("40 文字以内", result.Errors["label_public"][0], StringComparison.Ordinal);
        Assert.Contains("改行", result.Errors["label_internal"][0], StringComparison.Ordinal);
        Assert.Contains("変更できません", result.Errors["ppc_final_days"][0], StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.StartsWith(e.Key, e.Value[0], StringComparison.Ordinal));
        await using var read = Open(test, org);
        Assert.Empty((await read.Organizations.SingleAsync(o => o.Id == org.Id)).RuleValues);
    }

    [Theory]
    [InlineData(MemberRole.Administrator, true)]
    [InlineData(MemberRole.SecurityOfficer, true)]
    [InlineData(MemberRole.DepartmentManager, false)]
    [InlineData(MemberRole.Employee, false)]
    [InlineData(MemberRole.Auditor, false)]
    public async Task Is_for_those_who_may_edit_documents(MemberRole role, bool allowed)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "values");
        await using var db = Open(test, org);

        var result = await SaveRuleValues.HandleAsync(db, Member(org, role), Values(("training_frequency", "half-yearly")), Language.Japanese);

        Assert.Equal(allowed ? SaveStatus.Saved : SaveStatus.Forbidden, result.Status);
        await using var read = Open(test, org);
        Assert.Equal(allowed ? 1 : 0, (await read.Organizations.SingleAsync(o => o.Id == org.Id)).RuleValues.Count);
    }

    [Fact]
    public async Task Puts_the_default_back_for_a_null_value_or_one_equal_to_the_default_in_either_language()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "values");
        var officer = Member(org, MemberRole.SecurityOfficer);
        await using (var db = Open(test, org))
        {
            await SaveRuleValues.HandleAsync(db, officer, Values(("patch_critical_days", "7"), ("label_secret", "機密"), ("patch_cvss_threshold", "6.0")), Language.Japanese);
        }

        await using (var db = Open(test, org))
        {
            var result = await SaveRuleValues.HandleAsync(db, officer, Values(("patch_critical_days", null), ("label_secret", "Secret"), ("patch_cvss_threshold", "7")), Language.English);

            Assert.Equal(["patch_critical_days", "patch_cvss_threshold", "label_secret"], result.Changed);
        }

        await using (var db = Open(test, org))
        {
            // The Japanese form saved unchanged: its texts are the Japanese defaults, which are the defaults.
            var unchanged = await SaveRuleValues.HandleAsync(db, officer, Values(("label_secret", "極秘"), ("label_public", "公開"), ("patch_critical_days", "14")), Language.Japanese);

            Assert.Empty(unchanged.Changed);
        }

        await using var read = Open(test, org);
        Assert.Empty((await read.Organizations.SingleAsync(o => o.Id == org.Id)).RuleValues);
    }

    [Fact]
    public async Task Names_the_key_and_its_English_label_in_English()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "values");
        await using var db = Open(test, org);

        var result = await SaveRuleValues.HandleAsync(db, Member(org, MemberRole.SecurityOfficer), Values(("payment_dual_approval_yen", "-1")), Language.English);

        Assert.Equal("payment_dual_approval_yen (Payment amount from which two people approve (and any change of bank account)): enter a number from 0 to 100,000,000 (yen or more).", Assert.Single(result.Errors["payment_dual_approval_yen"]));
    }
}
