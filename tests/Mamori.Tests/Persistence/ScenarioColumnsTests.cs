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

    private static async Task<(int? Likelihood, int? Relation)> StoredAsync(MamoriDatabase database, Guid organizationId, Guid scenarioId)
    {
        await using var db = database.Open(organizationId);
        var stored = await db.RiskScenarios.AsNoTracking().Where(s => s.Id == scenarioId)
            .Select(s => new { Likelihood = EF.Property<int?>(s, MamoriDb.StoredLikelihood), Relation = EF.Property<int?>(s, MamoriDb.StoredRelation) })
            .SingleAsync();
        return (stored.Likelihood, stored.Relation);
    }
}
