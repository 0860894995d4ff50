using Mamori.Domain.Assets;
using Mamori.Domain.Risk;

namespace Mamori.Domain.Tests;

/// <summary>The worked examples of the seminar text (seed ch.8 and ch.9) as they must come out.</summary>
public class The_seed_register
{
    public static TheoryData<string, int, int, int, int, int, int> Rows => new()
    {
        // 情報資産名称, 機密性, 完全性, 可用性, 被害発生可能性 → 重要度, リスクレベル
        { "社員名簿", 3, 3, 2, 3, 3, 9 },
        { "当社宛請求書", 3, 3, 2, 2, 3, 6 },
        { "顧客リスト", 3, 3, 3, 2, 3, 6 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Gives_importance_three_and_risk_nine_six_six(string name, int c, int i, int a, int likelihood, int importance, int risk)
    {
        var asset = new InformationAsset(Guid.NewGuid(), name, Rating.From(c), Rating.From(i), Rating.From(a));
        asset.SetLikelihood(Rating.From(likelihood));

        Assert.Equal(importance, asset.Importance.Value);
        Assert.Equal(risk, asset.RiskValue!.Value.Value);
    }

    [Fact]
    public void An_asset_without_likelihood_has_no_risk_value_yet()
    {
        var asset = new InformationAsset(Guid.NewGuid(), "社員名簿", Rating.High, Rating.High, Rating.Medium);
        Assert.Null(asset.RiskValue);
    }

    [Fact]
    public void Likelihood_from_threat_and_vulnerability_is_kept_with_its_inputs()
    {
        var asset = new InformationAsset(Guid.NewGuid(), "顧客リスト", Rating.High, Rating.High, Rating.High);
        asset.AssessLikelihood(threat: Rating.High, vulnerability: Rating.Medium);

        Assert.Equal(2, asset.Likelihood!.Value.Value);
        Assert.Equal(Rating.High, asset.ThreatLikelihood);
        Assert.Equal(6, asset.RiskValue!.Value.Value);
    }

    [Fact]
    public void Personal_information_raises_a_low_asset_to_importance_three()
    {
        var asset = new InformationAsset(Guid.NewGuid(), "問い合わせ記録", Rating.Low, Rating.Low, Rating.Low)
        {
            PersonalInformation = PersonalInformationKinds.Personal,
        };
        Assert.Equal(3, asset.Importance.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_asset_needs_a_name(string name) =>
        Assert.Throws<ArgumentException>(() => new InformationAsset(Guid.NewGuid(), name, Rating.Low, Rating.Low, Rating.Low));
}

public class The_seed_laptop_example
{
    [Fact]
    public void Records_every_element_of_the_seed_table()
    {
        var scenario = SeedExamples.LaptopScenario(Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal("営業の業務で必須の情報", scenario.BusinessValue);
        Assert.Equal("社外への持ち出し", scenario.Threat!.Description);
        Assert.Equal("盗難による情報漏えい", scenario.RiskStatement);
        Assert.Single(scenario.Vulnerabilities);
        Assert.Equal(2, scenario.ProtectionRequirements.Count);
        Assert.Equal(["8.5", "7.9"], scenario.Controls.Select(c => c.ControlId));
    }

    [Fact]
    public void Is_reduced_from_nine_to_three_by_its_controls()
    {
        var scenario = SeedExamples.LaptopScenario(Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(RelationOutcome.Reduced, RelationCheck.Evaluate(scenario));
        Assert.Equal(9, scenario.InherentRisk(Rating.High)!.Value.Value);
        Assert.Equal(3, scenario.ResidualRisk(Rating.High)!.Value.Value);
    }

    [Fact]
    public void Residual_risk_acceptance_names_who_and_when()
    {
        var scenario = SeedExamples.LaptopScenario(Guid.NewGuid(), Guid.NewGuid());
        scenario.AcceptResidualRisk("営業部長 山田", new DateOnly(2026, 4, 1));

        Assert.Equal("営業部長 山田", scenario.AcceptedBy);
        Assert.Equal(new DateOnly(2026, 4, 1), scenario.AcceptedOn);
        Assert.Throws<ArgumentException>(() => scenario.AcceptResidualRisk(" ", new DateOnly(2026, 4, 1)));
    }
}

public class The_seed_relation_cases
{
    // Seed ch.8 関係図: 脅威 / セーフガード / 脆弱性 → リスク.
    public static TheoryData<string, bool, int, int, RiskTreatment?, RelationOutcome> Cases => new()
    {
        { "ケース1", true, 1, 1, RiskTreatment.Reduce, RelationOutcome.Reduced },
        { "ケース2 (脆弱性が複数)", true, 2, 1, RiskTreatment.Reduce, RelationOutcome.Reduced },
        { "ケース3 (多段の管理策)", true, 1, 3, RiskTreatment.Reduce, RelationOutcome.Reduced },
        { "ケース4 (受容)", true, 1, 1, RiskTreatment.Accept, RelationOutcome.Accepted },
        { "ケース5 (脅威なし)", false, 1, 1, null, RelationOutcome.Unknown },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Come_out_as_the_seed_says(string name, bool threat, int vulnerabilities, int controls, RiskTreatment? treatment, RelationOutcome expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, RelationCheck.Evaluate(threat, vulnerabilities, controls, treatment));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RiskTreatment.Reduce)]
    public void A_threat_and_a_vulnerability_with_no_control_is_untreated(RiskTreatment? treatment)
    {
        var outcome = RelationCheck.Evaluate(hasThreat: true, vulnerabilities: 1, controls: 0, treatment);
        Assert.Equal(RelationOutcome.Untreated, outcome);
        Assert.True(RelationCheck.NeedsAttention(outcome));
    }

    [Fact]
    public void A_control_with_no_threat_is_shown_as_unknown_risk()
    {
        var scenario = SeedExamples.LaptopScenario(Guid.NewGuid(), Guid.NewGuid());
        scenario.Threat = null;

        Assert.Equal(RelationOutcome.Unknown, RelationCheck.Evaluate(scenario));
        Assert.True(RelationCheck.NeedsAttention(RelationOutcome.Unknown));
    }

    [Theory]
    [InlineData(RiskTreatment.Transfer, RelationOutcome.Transferred)]
    [InlineData(RiskTreatment.Avoid, RelationOutcome.Avoided)]
    public void Transfer_and_avoidance_are_decisions_not_warnings(RiskTreatment treatment, RelationOutcome expected)
    {
        var outcome = RelationCheck.Evaluate(hasThreat: true, vulnerabilities: 1, controls: 0, treatment);
        Assert.Equal(expected, outcome);
        Assert.False(RelationCheck.NeedsAttention(outcome));
    }
}

public class Organization_slugs
{
    [Theory]
    [InlineData("yamada-shoji", true)]
    [InlineData("a1", true)]
    [InlineData("a", false)]
    [InlineData("Yamada", false)]
    [InlineData("-yamada", false)]
    [InlineData("山田", false)]
    [InlineData("yamada shoji", false)]
    public void Are_lower_case_letters_digits_and_hyphens(string slug, bool valid) =>
        Assert.Equal(valid, Organizations.Organization.IsValidSlug(slug));
}

public class Organization_creation_time
{
    [Fact]
    public void Is_kept_in_UTC_whatever_the_offset_it_was_given()
    {
        var organization = new Organizations.Organization("tokyo", "東京の会社", new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        Assert.Equal(TimeSpan.Zero, organization.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), organization.CreatedAt);
    }
}
