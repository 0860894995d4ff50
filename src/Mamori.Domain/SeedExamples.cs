using Mamori.Domain.Risk;

namespace Mamori.Domain;

/// <summary>The seminar text's worked examples built from domain types: for the demo organization and for tests.</summary>
public static class SeedExamples
{
    /// <summary>業務用ノートPCのリスクマネジメント (seed ch.8), element by element.</summary>
    public static RiskScenario LaptopScenario(Guid organizationId, Guid assetId)
    {
        var scenario = new RiskScenario(organizationId, assetId, "盗難による情報漏えい")
        {
            BusinessValue = "営業の業務で必須の情報",
            Threat = new ScenarioThreat("theft-of-equipment", "社外への持ち出し"),
            ThreatLikelihood = Rating.High,
            VulnerabilityExposure = Rating.High,
            Treatment = RiskTreatment.Reduce,
            ResidualLikelihood = Rating.Low,
            Owner = "営業部長",
        };
        scenario.Vulnerabilities.Add(new ScenarioVulnerability("sw-poor-password-management", "不適切なパスワードの設定（わかりやすい設定など）"));
        scenario.ProtectionRequirements.Add("権限のないものがログインできないようにする");
        scenario.ProtectionRequirements.Add("不要な持ち出しを防ぐ");
        scenario.Controls.Add(new ScenarioControl("8.5", "複雑なパスワードの設定"));
        scenario.Controls.Add(new ScenarioControl("7.9", "社外の持ち出し管理"));
        return scenario;
    }
}
