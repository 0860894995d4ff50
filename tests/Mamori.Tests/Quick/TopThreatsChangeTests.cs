using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Quick;

public class A_newer_top_10_than_the_standards_were_built_from : PersistenceTest
{
    /// <summary>The shipped catalogs with a made-up 2027 list appended to top10.yaml: a new year is that data and nothing else.</summary>
    private static readonly Lazy<CatalogSet> With2027 = new(() => CatalogSet.Load(name => name == "top10.yaml"
        ? CatalogSet.ReadEmbedded(name).TrimEnd() + "\n" + File.ReadAllText(RepositoryFiles.Path("tests", "Mamori.Tests", "Quick", "catalogs-2027", "top10-lists.yaml"))
        : CatalogSet.ReadEmbedded(name)));

    private static Membership Officer(Organization organization) => new(organization.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);

    private MamoriDb Open(TestDatabase test, Organization organization) => test.Database.Open(organization.Id, new Actor("tester", Time));

    private static async Task AdoptAsync(MamoriDb db, Organization org, DateTimeOffset now, params string[] topics) =>
        await AdoptStandards.HandleAsync(db, Officer(org), [.. topics.Select(t => GenerateStandards.Generate(t, org, [], GenerateStandards.Edits.None, Language.Japanese))], "佐藤", now);

    private static async Task<Organization> ReloadAsync(MamoriDb db, Organization org) => await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Names_the_threats_that_entered_and_left_drafts_a_new_one_in_one_click_and_flags_the_standard_of_one_that_left(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "top10");
        await using var db = Open(test, org);
        await AdoptAsync(db, org, Time.GetUtcNow(), "ransomware", "bec");
        var bec = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.SourceKey == "quick:bec");
        var draft = await db.DocumentVersions.AsNoTracking().SingleAsync(v => v.DocumentId == bec.Id);
        foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve })
        {
            Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, Officer(org), org, draft.Id, step, "田中", Time.GetUtcNow()));
        }

        org = await ReloadAsync(db, org);
        Assert.Equal(2026, org.TopThreatsYear);
        Assert.Null(await TopThreatsChange.ReadAsync(db, org, Language.Japanese));

        var change = await TopThreatsChange.ReadAsync(db, org, Language.Japanese, With2027.Value);
        Assert.NotNull(change);
        Assert.Equal((2026, 2027, new DateOnly(2027, 1, 28)), (change.BuiltFrom, change.Latest, change.PublishedOn));
        Assert.Equal(["carelessness", "crime-as-a-service"], change.Entered.Select(t => t.Entry.TopicId));
        Assert.All(change.Entered, t => Assert.True(t.HasTemplate && t.Standard is null));
        Assert.Equal(["ddos", "bec"], change.Left.Select(t => t.Entry.TopicId));
        Assert.Null(change.Left[0].Standard);
        Assert.Equal(bec.Id, change.Left[1].Standard?.Id);
        Assert.True(change.Left[1].ReviewNeeded);
        var reloadedBec = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.Id == bec.Id);
        Assert.True(TopThreatsChange.LeftTheList(reloadedBec, With2027.Value));
        Assert.False(TopThreatsChange.LeftTheList(reloadedBec));

        var (outcome, standard) = await TopThreatsChange.AdoptAsync(db, Officer(org), org, "carelessness", Language.Japanese, "佐藤", Time.GetUtcNow(), With2027.Value);
        Assert.Equal(TopThreatsChange.Outcome.Done, outcome);
        Assert.Equal(("quick:carelessness", DocumentKind.Standard), (standard!.SourceKey, standard.Kind));
        Assert.Equal(VersionStatus.Draft, (await db.DocumentVersions.AsNoTracking().SingleAsync(v => v.DocumentId == standard.Id)).Status);
        Assert.Contains(await db.PolicyDocuments.AsNoTracking().ToListAsync(), d => d.Kind == DocumentKind.Procedure && d.StandardId == standard.Id);
        change = await TopThreatsChange.ReadAsync(db, org, Language.Japanese, With2027.Value);
        Assert.Equal(standard.Id, change!.Entered[0].Standard?.Id);
        Assert.Equal(TopThreatsChange.Outcome.NotFound, (await TopThreatsChange.AdoptAsync(db, Officer(org), org, "ddos", Language.Japanese, "佐藤", Time.GetUtcNow(), With2027.Value)).Outcome);
        var auditor = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.Auditor);
        Assert.Equal(TopThreatsChange.Outcome.Forbidden, (await TopThreatsChange.AdoptAsync(db, auditor, org, "crime-as-a-service", Language.Japanese, "佐藤", Time.GetUtcNow(), With2027.Value)).Outcome);

        Assert.Equal(TopThreatsChange.Outcome.Done, await TopThreatsChange.MarkCheckedAsync(db, Officer(org), With2027.Value));
        org = await ReloadAsync(db, org);
        Assert.Equal(2027, org.TopThreatsYear);
        Assert.Null(await TopThreatsChange.ReadAsync(db, org, Language.Japanese, With2027.Value));
        Assert.True(TopThreatsChange.LeftTheList(reloadedBec, With2027.Value));
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Organization)).ToListAsync(), e => (e.After ?? "").Contains("2027", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Is_derived_from_the_day_of_the_first_standard_when_the_year_was_not_kept()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "top10-old");
        await using var db = Open(test, org);
        await AdoptAsync(db, org, new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(9)), "ransomware", "carelessness");
        var stored = await db.Organizations.SingleAsync(o => o.Id == org.Id);
        stored.TopThreatsYear = null;
        await db.SaveChangesAsync();

        var change = await TopThreatsChange.ReadAsync(db, await ReloadAsync(db, org), Language.Japanese);

        Assert.NotNull(change);
        Assert.Equal((2025, 2026), (change.BuiltFrom, change.Latest));
        Assert.Equal(["ai-risk"], change.Entered.Select(t => t.Entry.TopicId));
        Assert.Equal("AIの利用をめぐるサイバーリスク", change.Entered[0].Entry.TitleJa);
        Assert.Equal(["carelessness"], change.Left.Select(t => t.Entry.TopicId));
        Assert.NotNull(change.Left[0].Standard);
        Assert.False(change.Left[0].ReviewNeeded);
    }
}
