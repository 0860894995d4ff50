namespace Mamori.Domain.Risk;

/// <summary>被害発生可能性: how likely damage is, from the threat and the vulnerability.</summary>
public static class Likelihood
{
    /// <summary>
    /// The IPA conversion table (換算表) from 脅威の起こりやすさ and 脆弱性のつけ込みやすさ:
    /// <code>
    ///  脅威\脆弱性  3  2  1
    ///      3       3  2  1
    ///      2       2  1  1
    ///      1       1  1  1
    /// </code>
    /// which is max(1, threat + vulnerability − 3).
    /// </summary>
    public static Rating From(Rating threat, Rating vulnerability) =>
        Rating.From(Math.Max(Rating.MinValue, threat.Value + vulnerability.Value - 3));
}
