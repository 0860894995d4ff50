using DocumentFormat.OpenXml.Packaging;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Soa;
using Mamori.Domain.Treatments;
using Mamori.Features.Audit;
using Mamori.Features.Baseline;
using Mamori.Features.GettingStarted;
using Mamori.Features.Organizations;
using Mamori.Features.Policies;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Organizations;

public class The_demo_organization : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Holds_the_seminars_journey_and_exports_its_published_policy_set(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        await DemoOrganization.EnsureAsync(test.Database, Time, CancellationToken.None);

        var demo = (await ListOrganizations.FindAsync(test.Database, DemoOrganization.Slug))!;
        // SECURITY ACTION ★2 as the path counts it: the basic policy on the web, the declaration recorded.
        Assert.NotNull(demo.PublicPolicyToken);
        Assert.NotNull(demo.SecurityActionDeclaredOn);
        Assert.Equal("DEMO-0001", demo.SecurityActionId);
        await using var db = test.Database.Open(demo.Id);
        var roles = await db.PolicyRoles.AsNoTracking().ToListAsync();
        Assert.Equal(4, roles.Count);
        Assert.All(roles, r => Assert.NotEmpty(r.Holders));

        var documents = await db.PolicyDocuments.AsNoTracking().ToListAsync();
        var published = (await db.DocumentVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).ToListAsync())
            .Select(v => documents.Single(d => d.Id == v.DocumentId)).ToList();
        Assert.Single(published, d => d.Kind == DocumentKind.BasicPolicy);
        // The seminar's two Lv.1 standards, and those of the threats Lv.1 ranks first for the demo's profile.
        var quick = published.Where(d => d.Kind == DocumentKind.Standard && d.SourceKey.StartsWith("quick:", StringComparison.Ordinal)).Select(d => d.SourceKey).ToList();
        Assert.Contains("quick:insider", quick);
        Assert.Contains("quick:ransomware", quick);
        var procedures = published.Where(d => d.Kind == DocumentKind.Procedure).ToList();
        Assert.Contains(procedures, d => d.SourceKey.StartsWith("quick:ransomware:", StringComparison.Ordinal));
        // SECURITY ACTION ★1: the 5か条 and the contact sheet are published.
        Assert.Contains(published, d => d.SourceKey == "form:five-rules");
        Assert.Contains(published, d => d.SourceKey == "form:contacts");
        Assert.Contains(procedures, d => d.SourceKey.StartsWith("quick:insider:", StringComparison.Ordinal));
        Assert.All(await db.DocumentVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).ToListAsync(), v => Assert.Equal("代表取締役 山田", v.ApprovedBy));

        var diagnosis = await SelfDiagnosisResults.OverviewAsync(db);
        Assert.Equal(["営業部", "総務部"], diagnosis.Latest.Select(r => r.Department));
        Assert.InRange(diagnosis.CombinedScore, 1, 99);

        // The Lv.2 chapters are tailored, approved and published.
        var chapters = documents.Where(d => d.SourceKey.StartsWith("baseline:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(chapters);
        Assert.All(chapters, c => Assert.Contains(published, d => d.Id == c.Id));

        // Four employees who cannot sign in, some of whom have acknowledged their procedures.
        var members = await db.Memberships.AsNoTracking().Where(m => m.UserId != "demo").ToListAsync();
        Assert.Equal(4, members.Count);
        var memberIds = members.Select(m => m.UserId).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToListAsync();
        Assert.Equal(4, accounts.Count);
        Assert.All(accounts, a =>
        {
            Assert.Null(a.PasswordHash);
            Assert.True(a.LockoutEnabled && a.LockoutEnd > Time.GetUtcNow());
            Assert.EndsWith(".invalid", a.Email, StringComparison.Ordinal);
        });
        var read = new List<(int Read, int Total)>();
        foreach (var member in members)
        {
            var mine = await Acknowledgements.ForMemberAsync(db, member);
            read.Add((mine.Count(p => p.AcknowledgedAt is not null), mine.Count));
        }

        Assert.Contains(read, r => r.Read == r.Total && r.Total > 0);
        Assert.Contains(read, r => r.Read > 0 && r.Read < r.Total);
        Assert.Contains(read, r => r.Read == 1 && r.Total > 1);

        // On the path, everything up to Lv.2 is done: the 5か条 read by everyone, the 基本方針 signed by the representative.
        var path = await PathProgress.BuildAsync(db, demo, Language.Japanese);
        Assert.Equal("代表取締役 山田 太郎", demo.Representative);
        Assert.All(path.Steps.Take(5), step => Assert.Equal((step.Key, PathProgress.State.Done), (step.Key, step.State)));
        Assert.True(path.Complete);
        Assert.True(await db.SoaEntries.CountAsync(e => e.Applicability == Applicability.Applicable) > 0);
        var tasks = await db.TreatmentTasks.AsNoTracking().ToListAsync();
        Assert.Equal(2, tasks.Count);
        Assert.Single(tasks, t => t.DueOn < Time.Today(demo) && t.Status != TreatmentStatus.Done);
        Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);

        var export = await ExportPolicySet.HandleAsync(db, demo, Time.Today(demo), ExportPolicySet.Format.Docx, Language.Japanese, includeDrafts: false);
        Assert.Null(export.Problem);
        using var word = WordprocessingDocument.Open(new MemoryStream(export.Content!), isEditable: false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("デモ商事株式会社", text, StringComparison.Ordinal);
        Assert.Contains(published.First(d => d.SourceKey == "quick:ransomware").Title, text, StringComparison.Ordinal);
        Assert.All(chapters, c => Assert.Contains(c.Title, text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Loads_once_and_leaves_another_organization_untouched(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var other = await CreateOrganizationAsync(test.Database, "yamada");
        var otherBefore = await CountsAsync(test.Database, other.Id);

        await DemoOrganization.EnsureAsync(test.Database, Time, CancellationToken.None);
        var demo = (await ListOrganizations.FindAsync(test.Database, DemoOrganization.Slug))!;
        var demoOnce = await CountsAsync(test.Database, demo.Id);
        await DemoOrganization.EnsureAsync(test.Database, Time, CancellationToken.None);

        Assert.Equal(demoOnce, await CountsAsync(test.Database, demo.Id));
        Assert.Equal(otherBefore, await CountsAsync(test.Database, other.Id));
        await using var accounts = test.Database.Open();
        Assert.Equal(2, await accounts.Organizations.CountAsync());
    }

    private static async Task<int[]> CountsAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return
        [
            await db.PolicyDocuments.CountAsync(),
            await db.DocumentVersions.CountAsync(),
            await db.DiagnosisResponses.CountAsync(),
            await db.SoaEntries.CountAsync(),
            await db.TreatmentTasks.CountAsync(),
            await db.PolicyRoles.CountAsync(),
            await db.Assets.CountAsync(),
            await db.AuditEntries.CountAsync(),
            await db.Memberships.CountAsync(),
            await db.Acknowledgements.CountAsync(),
        ];
    }
}
