using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Risk;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Persistence;

/// <summary>The risk list and the dashboard sort and filter on two columns derived from each scenario.</summary>
public class A_risk_scenarios_derived_columns : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Follow_the_likelihood_and_the_relation_check_on_every_save(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "derived");
        Guid scenarioId;
        await using (var db = test.Database.Open(org.Id))
        {
            var asset = new InformationAsset(org.Id, "業務用ノートPC", Rating.High, Rating.Medium, Rating.Medium);
            db.Assets.Add(asset);
            var scenario = SeedExamples.LaptopScenario(org.Id, asset.Id);
            db.RiskScenarios.Add(scenario);
            await db.SaveChangesAsync();
            scenarioId = scenario.Id;
        }

        Assert.Equal((3, (int)RelationOutcome.Reduced), await StoredAsync(test.Database, org.Id, scenarioId));

        await using (var db = test.Database.Open(org.Id))
        {
            var scenario = await db.RiskScenarios.SingleAsync(s => s.Id == scenarioId);
            scenario.Controls.Clear();
            scenario.Treatment = null;
            scenario.VulnerabilityExposure = Rating.Medium;
            await db.SaveChangesAsync();
        }

        Assert.Equal((2, (int)RelationOutcome.Untreated), await StoredAsync(test.Database, org.Id, scenarioId));

        await using (var db = test.Database.Open(org.Id))
        {
            var scenario = await db.RiskScenarios.SingleAsync(s => s.Id == scenarioId);
            scenario.ThreatLikelihood = null;
            scenario.Vulnerabilities.Clear();
            await db.SaveChangesAsync();
        }

        Assert.Equal((null, (int)RelationOutcome.Incomplete), await StoredAsync(test.Database, org.Id, scenarioId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Are_filled_at_start_for_rows_written_before_they_existed_without_an_audit_entry(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "older");
        Guid scenarioId;
        int auditEntries;
        int version;
        await using (var db = test.Database.Open(org.Id))
        {
            var asset = new InformationAsset(org.Id, "業務用ノートPC", Rating.High, Rating.Medium, Rating.Medium);
            db.Assets.Add(asset);
            var scenario = SeedExamples.InsiderLeakScenario(org.Id, asset.Id);
            db.RiskScenarios.Add(scenario);
            await db.SaveChangesAsync();
            scenarioId = scenario.Id;
            // As a database written by an earlier version holds it.
            await db.RiskScenarios.ExecuteUpdateAsync(set => set
                .SetProperty(s => EF.Property<int?>(s, MamoriDb.StoredLikelihood), (int?)null)
                .SetProperty(s => EF.Property<int?>(s, MamoriDb.StoredRelation), (int?)null));
            auditEntries = await db.AuditEntries.CountAsync();
            version = await db.RiskScenarios.Select(s => s.Version).SingleAsync();
        }

        Assert.Equal((null, null), await StoredAsync(test.Database, org.Id, scenarioId));

        await test.Database.MigrateAsync();

        var expected = SeedExamples.InsiderLeakScenario(org.Id, Guid.Empty);
        Assert.Equal((expected.Likelihood!.Value.Value, (int)RelationCheck.Evaluate(expected)), await StoredAsync(test.Database, org.Id, scenarioId));
        await using var read = test.Database.Open(org.Id);
        Assert.Equal(auditEntries, await read.AuditEntries.CountAsync());
        Assert.Equal(version, (await read.RiskScenarios.AsNoTracking().SingleAsync()).Version);
    }

    private static async Task<(int? Likelihood, int? Relation)> StoredAsync(MamoriDatabase database, Guid organizationId, Guid scenarioId)
    {
        await using var db = database.Open(organizationId);
        var stored = await db.RiskScenarios.AsNoTracking().Where(s => s.Id == scenarioId)
            .Select(s => new { Likelihood = EF.Property<int?>(s, MamoriDb.StoredLikelihood), Relation = EF.Property<int?>(s, MamoriDb.StoredRelation) })
            .SingleAsync();
        return (stored.Likelihood, stored.Relation);
    }
}
