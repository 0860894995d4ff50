namespace Mamori.Domain.Risk;

/// <summary>リスク対応: what the organization decides to do about a risk.</summary>
public enum RiskTreatment
{
    /// <summary>リスク低減: adopt controls that lower likelihood or impact.</summary>
    Reduce = 1,

    /// <summary>リスク移転: move the risk to another party (insurance, a contractor).</summary>
    Transfer = 2,

    /// <summary>リスク回避: remove the activity or environment that gives rise to it.</summary>
    Avoid = 3,

    /// <summary>リスク受容（保有）: take the risk without further controls.</summary>
    Accept = 4,
}
