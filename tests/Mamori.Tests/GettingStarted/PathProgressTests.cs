using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features;
using Mamori.Features.Baseline;
using Mamori.Features.GettingStarted;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Mamori.Features.GettingStarted.PathProgress;

namespace Mamori.Tests.GettingStarted;

public class The_getting_started_path : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Starts_with_nothing_done_and_offers_the_profile_the_five_rules_and_the_diagnosis_first(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "path-new");
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));

        var path = await BuildAsync(db, org, Language.Japanese);

        Assert.Equal(
            [StepKey.Profile, StepKey.SecurityActionOneStar, StepKey.SecurityActionTwoStars, StepKey.Level1, StepKey.Level2, StepKey.Advanced],
            path.Steps.Select(s => s.Key));
        Assert.All(path.Steps, s => Assert.Equal(State.NotStarted, s.State));
        Assert.Equal([true, true, true, true, false, false], path.Steps.Select(s => s.Required));
        Assert.Equal([ItemKey.AnswerProfile, ItemKey.AdoptFiveRules, ItemKey.AnswerDiagnosis], path.NextActions().Select(i => i.Key));
        Assert.Equal(StepKey.Profile, path.Current!.Key);
        Assert.True(path.JustStarted);
        Assert.False(path.Complete);
        Assert.Equal(TopThreatCount, path.TopThreats.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Follows_the_work_from_the_profile_to_a_published_basic_policy_and_a_Lv1_set(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "path-walk");
        var owner = new Accounts.MamoriUser { UserName = "owner@example.jp", Email = "owner@example.jp", DisplayName = "山田" };
        await using (var plain = test.Database.Open())
        {
            plain.Users.Add(owner);
            await plain.SaveChangesAsync();
        }

        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var admin = new Membership(org.Id, owner.Id, MemberRole.Administrator);
        db.Memberships.Add(admin);
        await db.SaveChangesAsync();
        async Task<Progress> NowAsync() => await BuildAsync(db, await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id), Language.Japanese);
        async Task PublishAsync(Guid documentId)
        {
            var draft = await db.DocumentVersions.Where(v => v.DocumentId == documentId).OrderBy(v => v.Number).LastAsync();
            foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
            {
                Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, admin, org, draft.Id, step, "山田", Time.GetUtcNow()));
            }
        }

        // 1. The profile: industry and size answered, then the representative the 基本方針 is signed with.
        var tracked = await db.Organizations.SingleAsync(o => o.Id == org.Id);
        tracked.Industry = "卸売業";
        tracked.EmployeeCount = 15;
        await db.SaveChangesAsync();
        Assert.Equal(State.NotStarted, (await NowAsync()).Steps[0].State);
        tracked.Representative = "代表取締役 山田 太郎";
        await db.SaveChangesAsync();
        Assert.Equal(State.Done, (await NowAsync()).Steps[0].State);

        // 2. ★1: the 5か条 adopted, published, then read by the one member.
        await AddForms.HandleAsync(db, admin, [FormCatalog.FiveRulesId], "山田", Time.GetUtcNow(), Language.Japanese);
        var adopted = await NowAsync();
        Assert.Equal(State.InProgress, adopted.Steps[1].State);
        Assert.Equal(ItemKey.PublishFiveRules, adopted.NextActions()[0].Key);
        await PublishAsync(adopted.FiveRulesId!.Value);
        var published = await NowAsync();
        Assert.Equal((0, 1), (published.Steps[1].Items[2].Done, published.Steps[1].Items[2].Total));
        var rules = Assert.Single(await Acknowledgements.ForMemberAsync(db, admin));
        Assert.Equal(SaveStatus.Saved, await Acknowledgements.AcknowledgeAsync(db, admin, rules.Published.Id, Time.GetUtcNow()));
        Assert.Equal(State.Done, (await NowAsync()).Steps[1].State);

        // 3. ★2: the diagnosis, the basic policy published and on the web, the declaration recorded.
        await SelfDiagnosisResults.RecordAsync(db, admin, new("", "山田", Enumerable.Range(1, 25).ToDictionary(n => n, _ => DiagnosisAnswer.Done)), Time.GetUtcNow());
        await StartPolicySet.HandleAsync(db, org, "山田", Language.Japanese, Time.GetUtcNow());
        var started = await NowAsync();
        Assert.Equal([true, false, false, false], started.Steps[2].Items.Select(i => i.Complete));
        Assert.Equal(ItemKey.PublishBasicPolicy, started.Steps[2].Items.First(i => !i.Complete).Key);
        await PublishAsync(started.BasicPolicyId!.Value);
        Assert.Equal(PublicBasicPolicy.Outcome.Done, (await PublicBasicPolicy.PublishAsync(db, admin)).Outcome);
        var declared = await RecordDeclaration.HandleAsync(db, admin, new() { DeclaredOn = new DateOnly(2026, 3, 31), DeclarationId = "123456789", Version = (await db.Organizations.AsNoTracking().SingleAsync()).Version }, new DateOnly(2026, 4, 1));
        Assert.Equal(SaveStatus.Saved, declared.Status);
        var twoStars = await NowAsync();
        Assert.Equal(State.Done, twoStars.Steps[2].State);
        Assert.False(twoStars.JustStarted);
        Assert.Equal([ItemKey.AdoptTopThreatStandards], twoStars.NextActions().Select(i => i.Key));

        // 4. Lv.1: a standard published for each of the top threats that apply (a draft does not count);
        // a 15-person company needs nothing more.
        var roles = await db.PolicyRoles.ToListAsync();
        var organization = await db.Organizations.AsNoTracking().SingleAsync();
        foreach (var (topic, index) in twoStars.TopThreats.Select((t, i) => (t, i)))
        {
            var standard = Assert.Single((await AdoptStandards.HandleAsync(db, admin, [GenerateStandards.Generate(topic, organization, roles, GenerateStandards.Edits.None, Language.Japanese)], "山田", Time.GetUtcNow()))!, d => d.Kind == DocumentKind.Standard);
            Assert.Equal(index, (await NowAsync()).Steps[3].Items[0].Done);
            await PublishAsync(standard.Id);
            Assert.Equal(index + 1, (await NowAsync()).Steps[3].Items[0].Done);
        }

        var done = await NowAsync();
        Assert.Equal(State.Done, done.Steps[3].State);
        Assert.True(done.Complete);
        Assert.Null(done.Current);
        Assert.Empty(done.NextActions());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Asks_for_Lv2_and_the_advanced_step_when_the_profile_calls_for_them(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "path-scs");
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var tracked = await db.Organizations.SingleAsync();
        tracked.CustomersRequireScsLevel3 = true;
        await db.SaveChangesAsync();

        var scs = await BuildAsync(db, tracked, Language.Japanese);

        Assert.Equal(2, scs.Levels.Recommended);
        Assert.Equal([true, true], scs.Steps.Skip(4).Select(s => s.Required));
        Assert.Equal([ItemKey.PrepareScs], scs.Steps[5].Items.Select(i => i.Key));
        Assert.Equal((0, 10), (scs.Steps[4].Items[0].Done, scs.Steps[4].Items[0].Total));
        Assert.Equal((0, 81), (scs.Steps[5].Items[0].Done, scs.Steps[5].Items[0].Total));

        // The ★3 item counts the criteria answered in the assessment.
        var officer = new Membership(org.Id, "officer", MemberRole.SecurityOfficer);
        var today = DateOnly.FromDateTime(Time.GetUtcNow().Date);
        var (started, assessment) = await Mamori.Features.Scs.StartAssessment.HandleAsync(db, officer, tracked, "tester", Time.GetUtcNow(), today);
        Assert.Equal(SaveStatus.Saved, started);
        var (answered, _) = await Mamori.Features.Scs.AnswerCriterion.HandleAsync(
            db, officer, tracked, assessment!.Year, new("1-3-1-1", Domain.Scs.ScsAnswerStatus.Met, null, "基本方針を公開している", null), "tester", Time.GetUtcNow(), today, Language.Japanese);
        Assert.Equal(SaveStatus.Saved, answered);
        var after = (await BuildAsync(db, tracked, Language.Japanese)).Steps[5].Items[0];
        Assert.Equal((1, 81), (after.Done, after.Total));

        tracked.CustomersRequireIsmsCertification = true;
        await db.SaveChangesAsync();
        var isms = await BuildAsync(db, tracked, Language.Japanese);

        Assert.Equal(3, isms.Levels.Recommended);
        Assert.Equal([ItemKey.ReachLevel3, ItemKey.PrepareScs], isms.Steps[5].Items.Select(i => i.Key));
    }
}

public class Recording_the_declaration : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keeps_a_valid_date_and_id_and_refuses_a_future_date_a_malformed_id_and_a_non_administrator(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "declare");
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var admin = new Membership(org.Id, "a", MemberRole.Administrator);
        var today = new DateOnly(2026, 4, 1);

        var future = await RecordDeclaration.HandleAsync(db, admin, new() { DeclaredOn = today.AddDays(1), DeclarationId = "<b>", Version = org.Version }, today);
        Assert.Equal(SaveStatus.Invalid, future.Status);
        Assert.Equal(["DeclaredOn", "DeclarationId"], future.Errors.Keys.Order(StringComparer.Ordinal).Reverse());
        var missing = await RecordDeclaration.HandleAsync(db, admin, new() { Version = org.Version }, today);
        Assert.Equal(2, missing.Errors.Count);
        Assert.Equal(SaveStatus.Forbidden, (await RecordDeclaration.HandleAsync(db, new Membership(org.Id, "o", MemberRole.SecurityOfficer), new() { DeclaredOn = today, DeclarationId = "1" }, today)).Status);

        var saved = await RecordDeclaration.HandleAsync(db, admin, new() { DeclaredOn = today, DeclarationId = " 20260401-01 ", Version = org.Version }, today);

        Assert.Equal(SaveStatus.Saved, saved.Status);
        var stored = await db.Organizations.AsNoTracking().SingleAsync();
        Assert.Equal((today, "20260401-01"), (stored.SecurityActionDeclaredOn, stored.SecurityActionId));
        Assert.Equal(SaveStatus.Conflict, (await RecordDeclaration.HandleAsync(db, admin, new() { DeclaredOn = today, DeclarationId = "2", Version = org.Version }, today)).Status);
    }
}
