using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Quick;
using Mamori.Features.Quick;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Quick;

public class The_quick_flow : PersistenceTest
{
    [Fact]
    public async Task Suggests_the_telework_threat_only_to_an_organization_that_teleworks()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var org = await CreateOrganizationAsync(test.Database, "quick");
        await using var db = test.Database.Open(org.Id);

        var office = (await RankThreats.HandleAsync(db, org, 2026, Language.Japanese)).ToList();
        Assert.False(office.Single(r => r.Topic.Id == "remote-work").Applies);

        org.Teleworks = true;
        var remote = (await RankThreats.HandleAsync(db, org, 2026, Language.Japanese)).ToList();
        var telework = remote.Single(r => r.Topic.Id == "remote-work");
        Assert.True(telework.Applies);
        Assert.Contains("テレワーク", string.Join(" ", telework.Reasons), StringComparison.Ordinal);
        Assert.True(remote.IndexOf(telework) < office.IndexOf(office.Single(r => r.Topic.Id == "remote-work")));
        Assert.All(remote, r => Assert.NotEmpty(r.Cases));
    }

    [Fact]
    public void Generates_the_five_sections_with_edits_and_Annex_A_citations()
    {
        var org = new Organization("quick", "株式会社クイック", DateTimeOffset.UtcNow);
        var standard = QuickCatalog().StandardFor("ransomware")!;
        var first = standard.Measures[0];
        var dropped = standard.Measures[1];
        var kept = standard.Measures.Where(m => m != dropped).Select(m => m.Id).ToHashSet();

        var generated = GenerateStandards.Generate("ransomware", org, [], new GenerateStandards.Edits(kept, new Dictionary<string, string> { [first.Id] = "当社独自の体制を定める" }, [(MeasureSection.Physical, "サーバー室は施錠する")]), Language.Japanese);

        var headings = generated.Markdown.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["## 1. 対象とする脅威", "## 2. 組織的対策", "## 3. 人的対策", "## 4. 物理的対策", "## 5. 技術的対策"], headings);
        Assert.Contains("当社独自の体制を定める（", generated.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(dropped.Text, generated.Markdown, StringComparison.Ordinal);
        Assert.Contains("- サーバー室は施錠する", generated.Markdown, StringComparison.Ordinal);
        Assert.Contains(first.ControlIds[0], generated.ControlIds);
        Assert.Contains(generated.Procedures, p => p.Audience == Audiences.AllEmployees);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lands_in_the_policy_set_as_drafts_and_a_second_run_makes_new_versions_not_new_documents(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "quick");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id);
        var generated = new[] { "ransomware", "insider" }.Select(t => GenerateStandards.Generate(t, org, [], GenerateStandards.Edits.None, Language.Japanese)).ToList();

        var adopted = await AdoptStandards.HandleAsync(db, officer, generated, "佐藤", Time.GetUtcNow());
        var documents = await db.PolicyDocuments.AsNoTracking().ToListAsync();
        Assert.Equal(adopted!.Count, documents.Count);
        Assert.Equal(2, documents.Count(d => d.Kind == DocumentKind.Standard));
        Assert.All(documents, d => Assert.NotEmpty(d.ControlIds));
        Assert.All(documents.Where(d => d.Kind == DocumentKind.Procedure), d => Assert.NotNull(d.StandardId));
        Assert.All(await db.DocumentVersions.ToListAsync(), v => Assert.Equal(VersionStatus.Draft, v.Status));

        var edited = generated.Select(g => g with { Markdown = g.Markdown + "\n- 追加の対策\n" }).ToList();
        await AdoptStandards.HandleAsync(db, officer, edited, "佐藤", Time.GetUtcNow());
        Assert.Equal(documents.Count, await db.PolicyDocuments.CountAsync());
    }

    private static Mamori.Catalogs.QuickCatalog QuickCatalog() => Mamori.Catalogs.QuickCatalog.For(Language.Japanese);
}
