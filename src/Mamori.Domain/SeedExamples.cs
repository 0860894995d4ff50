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

    /// <summary>
    /// A risk drawn from the seed's 内部不正 incident (卸売業・小売業, 6–20 名): a leaver downloads
    /// files in bulk and erases the PC's history; measures against insiders were missing.
    /// </summary>
    public static RiskScenario InsiderLeakScenario(Guid organizationId, Guid assetId)
    {
        var scenario = new RiskScenario(organizationId, assetId, "退職予定者による顧客情報の持ち出し（内部不正による情報漏えい）")
        {
            BusinessValue = "得意先との取引を続けるために欠かせない情報",
            Threat = new ScenarioThreat("disclosure", "退職前の従業員による大量ダウンロードと持ち出し"),
            ThreatLikelihood = Rating.Medium,
            VulnerabilityExposure = Rating.High,
            Owner = "営業部長",
        };
        scenario.Vulnerabilities.Add(new ScenarioVulnerability("sw-no-audit-trail", "ファイル操作のログを取得・保管していない"));
        scenario.Vulnerabilities.Add(new ScenarioVulnerability(null, "退職時の資料返還と誓約の手続きがない"));
        scenario.ProtectionRequirements.Add("業務に必要な範囲を超えて顧客情報を持ち出せないようにする");
        scenario.ProtectionRequirements.Add("持ち出しがあったときに後から確かめられるようにする");
        return scenario;
    }
}
