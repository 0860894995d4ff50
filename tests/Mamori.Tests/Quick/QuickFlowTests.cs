using Mamori.Data;
using Markdig.Syntax;
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

    [Fact]
    public void Writes_each_procedure_measure_as_a_numbered_item_with_its_details_under_it()
    {
        var org = new Organization("quick", "株式会社クイック", DateTimeOffset.UtcNow);

        var procedures = QuickCatalog().Standards.SelectMany(s => GenerateStandards.Generate(s.TopicId, org, [], GenerateStandards.Edits.None, Language.Japanese).Procedures).ToList();

        Assert.NotEmpty(procedures);
        Assert.All(procedures, procedure =>
        {
            var document = Markdig.Markdown.Parse(procedure.Markdown);
            Assert.Empty(document.Descendants<HeadingBlock>());
            var list = Assert.IsType<ListBlock>(Assert.Single(document));
            Assert.True(list.IsOrdered);
            Assert.All(list.OfType<ListItemBlock>(), item => Assert.Equal(5, item.OfType<ListBlock>().Single().Count));
        });
    }

    [Fact]
    public void Lists_related_controls_in_the_standards_order_5_2_before_5_10()
    {
        var org = new Organization("quick", "株式会社クイック", DateTimeOffset.UtcNow);

        var generated = QuickCatalog().Standards.Select(s => GenerateStandards.Generate(s.TopicId, org, [], GenerateStandards.Edits.None, Language.Japanese)).ToList();

        var ids = generated.SelectMany(g => g.ControlIds).ToList();
        Assert.Contains(ids, id => id.Split('.')[1].Length == 2);
        Assert.All(generated, g => Assert.Equal(g.ControlIds.OrderBy(id => int.Parse(id.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)).ThenBy(id => int.Parse(id.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)), g.ControlIds));
        Assert.True(Mamori.Domain.Catalog.ControlIdComparer.Instance.Compare("5.2", "5.10") < 0);
        Assert.True(Mamori.Domain.Catalog.ControlIdComparer.Instance.Compare("A.8.9", "A.8.10") < 0);
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
