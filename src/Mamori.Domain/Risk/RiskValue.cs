namespace Mamori.Domain.Risk;

/// <summary>
/// リスク値 (リスクレベル) = 重要度 × 被害発生可能性. Only 1, 2, 3, 4, 6 and 9 can occur,
/// so a risk value is always computed from its two factors, never set by hand.
/// </summary>
public readonly record struct RiskValue : IComparable<RiskValue>
{
    private RiskValue(Rating importance, Rating likelihood)
    {
        Importance = importance;
        Likelihood = likelihood;
    }

    public Rating Importance { get; }

    public Rating Likelihood { get; }

    public int Value => Importance.Value * Likelihood.Value;

    public static RiskValue Of(Rating importance, Rating likelihood) => new(importance, likelihood);

    /// <summary>True for the products of two ratings: 1, 2, 3, 4, 6 and 9.</summary>
    public static bool IsPossible(int value) =>
        value is 1 or 2 or 3 or 4 or 6 or 9;

    public int CompareTo(RiskValue other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
