using Mamori.Data;
using Mamori.Documents;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Mamori.Features.Baseline;
using Mamori.Features.Organizations;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.Soa;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Documents.Books;

/// <summary>
/// The two policy sets the book tests export, made through the product's own use cases on SQLite:
/// a five-person company's Lv.1 set (two threats, with drafts), and the whole set (every Lv.1
/// topic, every Lv.2 chapter, a 対策基準 for each of the 93 controls), with the SoA of the latter.
/// </summary>
public static class PolicyBooks
{
    private static readonly Lazy<Task<Book>> SmallBook = new(() => BuildAsync(full: false));
    private static readonly Lazy<Task<Book>> FullBook = new(() => BuildAsync(full: true));

    public sealed record Book(IReadOnlyList<RenderedDocument> Documents, RenderedDocument Soa);

    /// <summary>株式会社みなと工房, five people, ransomware and business e-mail compromise.</summary>
    public static Task<Book> SmallAsync() => SmallBook.Value;

    /// <summary>Every Lv.1 topic, every Lv.2 chapter and 93 control standards.</summary>
    public static Task<Book> FullAsync() => FullBook.Value;

    private static readonly Lazy<Task<(TestDatabase Test, Organization Organization)>> FullSet = new(CreateFullSetAsync);

    /// <summary>
    /// The whole set's database, made once in a test run (it takes the longest of any fixture) and only read
    /// afterwards: by the book, the SoA and the consistency check. It is removed when the test process ends.
    /// </summary>
    public static Task<(TestDatabase Test, Organization Organization)> FullSetAsync() => FullSet.Value;

    private static async Task<(TestDatabase, Organization)> CreateFullSetAsync()
    {
        var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => test.Dispose();
        return (test, await CreateAsync(test, Time(), full: true));
    }

    private static FakeTimeProvider Time() => new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));

    private static async Task<Book> BuildAsync(bool full)
    {
        var time = Time();
        await using var small = full ? null : await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (test, org) = full ? await FullSetAsync() : (small!, await CreateAsync(small!, time, full));
        await using var db = test.Database.Open(org.Id, new Actor("tester", time));
        var documents = await RenderPolicy.PolicySetAsync(db, org, time.Today(org), Language.Japanese, includeDrafts: true);
        var statement = await StatementOfApplicability.BuildAsync(db, org, Language.Japanese);
        return new Book(documents, SoaDocument.Render(statement, org, time.Today(org), Language.Japanese));
    }

    /// <summary>
    /// Makes the small set (<paramref name="full"/> false) or the whole set, as drafts, in <paramref name="test"/>'s
    /// database through the product's use cases, with every control decided 適用 for the whole set.
    /// </summary>
    public static async Task<Organization> CreateAsync(TestDatabase test, FakeTimeProvider time, bool full)
    {
        var created = await CreateOrganization.HandleAsync(test.Database, new(full ? "zenbu" : "minato", full ? "株式会社ぜんぶ商事" : "株式会社みなと工房", null), time);
        var org = created.Created ?? throw new InvalidOperationException(created.Problem);
        org.Representative = "代表取締役 港一郎";
        if (full)
        {
            org.HandlesMyNumber = true;
            org.UsesCloudServices = true;
            org.Teleworks = true;
            org.HandlesPersonalInformation = true;
            org.Industry = "卸売業";
        }

        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", time));
        await StartPolicySet.HandleAsync(db, org, "港 花子", Language.Japanese, time.GetUtcNow());
        foreach (var role in await db.PolicyRoles.ToListAsync())
        {
            role.Holders = role.Order == 1 ? "港 一郎" : "港 花子";
        }

        await db.SaveChangesAsync();
        if (full)
        {
            foreach (var control in Mamori.Catalogs.CatalogSet.Default.Controls)
            {
                await DecideControl.HandleAsync(db, officer, org, new(control.Id, Applicability.Applicable, "リスク対応に必要", ImplementationStatus.Planned, "港 花子", null), "港 花子", time.GetUtcNow());
            }

            await GenerateControlStandards.HandleAsync(db, officer, org, "港 花子", time.GetUtcNow(), Language.Japanese);
        }

        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync();
        var topics = full ? Mamori.Catalogs.QuickCatalog.For(Language.Japanese).Standards.Select(s => s.TopicId).ToList() : ["ransomware", "bec"];
        var generated = topics.Select(t => GenerateStandards.Generate(t, org, roles, GenerateStandards.Edits.None, Language.Japanese)).ToList();
        await AdoptStandards.HandleAsync(db, officer, generated, "港 花子", time.GetUtcNow());
        if (full)
        {
            await AdoptRules.HandleAsync(db, officer, org, "港 花子", time.GetUtcNow(), Language.Japanese);
        }

        return org;
    }
}
