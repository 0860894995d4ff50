using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Policies;

public class Publishing_documents_together : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Takes_each_chosen_draft_through_review_and_approval_to_published_with_the_approver_recorded(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (db, org, admin) = await SetUpAsync(test, "publish-together");
        await using var _ = db;
        var drafts = await db.DocumentVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Draft).ToListAsync();
        Assert.Equal(2, drafts.Count);

        var result = await PublishTogether.HandleAsync(db, admin, org, [.. drafts.Select(d => d.Id)], "山田", Time.GetUtcNow());

        Assert.Equal(PublishTogether.Outcome.Done, result.Outcome);
        Assert.Equal(2, result.Published.Count);
        var after = await db.DocumentVersions.AsNoTracking().Where(v => drafts.Select(d => d.Id).Contains(v.Id)).ToListAsync();
        Assert.All(after, v =>
        {
            Assert.Equal(VersionStatus.Published, v.Status);
            Assert.Equal("山田", v.ApprovedBy);
        });
        Assert.All(await db.PolicyDocuments.AsNoTracking().ToListAsync(), d => Assert.NotNull(d.NextReviewOn));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publishes_none_when_one_chosen_version_is_already_published(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (db, org, admin) = await SetUpAsync(test, "publish-atomic");
        await using var _ = db;
        var drafts = await db.DocumentVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Draft).Select(v => v.Id).ToListAsync();
        Assert.Equal(PublishTogether.Outcome.Done, (await PublishTogether.HandleAsync(db, admin, org, [drafts[0]], "山田", Time.GetUtcNow())).Outcome);
        db.ChangeTracker.Clear();

        var result = await PublishTogether.HandleAsync(db, admin, org, drafts, "山田", Time.GetUtcNow());

        Assert.Equal(PublishTogether.Outcome.NotAllowedNow, result.Outcome);
        db.ChangeTracker.Clear();
        Assert.Equal(VersionStatus.Draft, (await db.DocumentVersions.AsNoTracking().SingleAsync(v => v.Id == drafts[1])).Status);
    }

    [Theory]
    [InlineData(MemberRole.DepartmentManager)]
    [InlineData(MemberRole.Auditor)]
    public async Task Is_refused_to_a_member_who_may_not_approve_documents(MemberRole role)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (db, org, _) = await SetUpAsync(test, "publish-refused");
        await using var __ = db;
        var drafts = await db.DocumentVersions.AsNoTracking().Select(v => v.Id).ToListAsync();

        var result = await PublishTogether.HandleAsync(db, new Membership(org.Id, "someone", role), org, drafts, "鈴木", Time.GetUtcNow());

        Assert.Equal(PublishTogether.Outcome.Forbidden, result.Outcome);
        Assert.All(await db.DocumentVersions.AsNoTracking().ToListAsync(), v => Assert.Equal(VersionStatus.Draft, v.Status));
    }

    /// <summary>An organization with two drafts (the 基本方針 and the 5か条) and its administrator.</summary>
    private async Task<(MamoriDb Db, Organization Org, Membership Admin)> SetUpAsync(TestDatabase test, string slug)
    {
        var org = await CreateOrganizationAsync(test.Database, slug);
        var owner = new Accounts.MamoriUser { UserName = $"{slug}@example.jp", Email = $"{slug}@example.jp", DisplayName = "山田" };
        await using (var plain = test.Database.Open())
        {
            plain.Users.Add(owner);
            await plain.SaveChangesAsync();
        }

        var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var admin = new Membership(org.Id, owner.Id, MemberRole.Administrator);
        db.Memberships.Add(admin);
        await db.SaveChangesAsync();
        await StartPolicySet.HandleAsync(db, org, "山田", Language.Japanese, Time.GetUtcNow());
        await AddForms.HandleAsync(db, admin, [FormCatalog.FiveRulesId], "山田", Time.GetUtcNow(), Language.Japanese);
        db.ChangeTracker.Clear();
        return (db, org, admin);
    }
}
