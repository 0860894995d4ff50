namespace Mamori.Domain.Risk;

/// <summary>The three bands a risk value falls into.</summary>
public enum RiskBand
{
    Low = 1,
    Medium = 2,
    High = 3,
}
