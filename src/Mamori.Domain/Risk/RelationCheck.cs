namespace Mamori.Domain.Risk;

/// <summary>What the relation of threat, vulnerability and safeguard means for a risk (seed ch.8).</summary>
public enum RelationOutcome
{
    /// <summary>Cases 1–3: controls lower the risk (低減).</summary>
    Reduced,

    /// <summary>Case 4: the risk is taken knowingly (受容).</summary>
    Accepted,

    /// <summary>リスク移転</summary>
    Transferred,

    /// <summary>リスク回避</summary>
    Avoided,

    /// <summary>Case 5: a control with no threat behind it, so its risk is unknown (不明).</summary>
    Unknown,

    /// <summary>A threat can exploit a vulnerability and nothing has been decided or put in place.</summary>
    Untreated,

    /// <summary>No vulnerability is recorded, so the threat has nothing to exploit yet and no risk can be stated.</summary>
    Incomplete,
}

/// <summary>The check of the seed's relation cases, applied to one scenario.</summary>
public static class RelationCheck
{
    public static RelationOutcome Evaluate(RiskScenario scenario) =>
        Evaluate(
            hasThreat: scenario.Threat is not null,
            vulnerabilities: scenario.Vulnerabilities.Count,
            controls: scenario.Controls.Count,
            scenario.Treatment);

    /// <summary>
    /// The seed's table: threat + vulnerabilities + controls → 低減 (cases 1–3, one or more
    /// vulnerabilities, one or layered controls); the same with the risk accepted → 受容
    /// (case 4); a control with no threat → 不明 (case 5). A threat and a vulnerability with no
    /// control and no decision is an untreated risk.
    /// </summary>
    public static RelationOutcome Evaluate(bool hasThreat, int vulnerabilities, int controls, RiskTreatment? treatment)
    {
        if (!hasThreat)
        {
            return controls > 0 ? RelationOutcome.Unknown : RelationOutcome.Incomplete;
        }

        if (vulnerabilities == 0)
        {
            return RelationOutcome.Incomplete;
        }

        return treatment switch
        {
            RiskTreatment.Accept => RelationOutcome.Accepted,
            RiskTreatment.Transfer => RelationOutcome.Transferred,
            RiskTreatment.Avoid => RelationOutcome.Avoided,
            _ when controls > 0 => RelationOutcome.Reduced,
            _ => RelationOutcome.Untreated,
        };
    }

    /// <summary>True for the outcomes the product must show as a warning, never hide.</summary>
    public static bool NeedsAttention(RelationOutcome outcome) =>
        outcome is RelationOutcome.Untreated or RelationOutcome.Unknown or RelationOutcome.Incomplete;
}
