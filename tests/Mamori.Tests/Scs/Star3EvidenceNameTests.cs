using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Features.Scs;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Scs;

public class A_star3_evidence_file : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_kept_under_its_name_without_control_characters_or_folders(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "scs-evidence-name");
        var officer = new Membership(org.Id, "佐藤", MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Time.Today(null));

        var (file, problem) = await ScsEvidence.AttachAsync(db, officer, org, 2026, "1-3-1-1", "..\\方針\u0000\u001b[31m.txt", "基本方針"u8.ToArray(), "佐藤", Time.GetUtcNow());

        Assert.Null(problem);
        Assert.Equal("方針[31m.txt", file!.FileName);
        await using var reopened = test.Database.Open(org.Id);
        Assert.Equal("方針[31m.txt", (await reopened.ScsEvidenceFiles.SingleAsync()).FileName);
    }
}
