namespace Mamori.Domain.Risk;

/// <summary>
/// A rating on the 1–3 scale used throughout the IPA method: 機密性, 完全性, 可用性,
/// 重要度, 脅威の起こりやすさ, 脆弱性のつけ込みやすさ and 被害発生可能性.
/// A value outside 1–3 cannot be constructed.
/// </summary>
public readonly record struct Rating : IComparable<Rating>
{
    public const int MinValue = 1;
    public const int MaxValue = 3;

    // Stored as an offset so that default(Rating) is the valid rating 1, never 0.
    private readonly byte _offset;

    private Rating(int value) => _offset = (byte)(value - MinValue);

    /// <summary>The rating as a number from 1 to 3.</summary>
    public int Value => _offset + MinValue;

    public static Rating Low { get; } = new(1);
    public static Rating Medium { get; } = new(2);
    public static Rating High { get; } = new(3);

    /// <summary>Creates a rating, throwing when <paramref name="value"/> is not 1, 2 or 3.</summary>
    public static Rating From(int value) =>
        TryFrom(value, out var rating)
            ? rating
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"A rating is 1, 2 or 3; {value} is not.");

    public static bool TryFrom(int value, out Rating rating)
    {
        var valid = value is >= MinValue and <= MaxValue;
        rating = valid ? new Rating(value) : default;
        return valid;
    }

    public static Rating Max(Rating a, Rating b) => a._offset >= b._offset ? a : b;

    public int CompareTo(Rating other) => _offset.CompareTo(other._offset);

    public static bool operator <(Rating left, Rating right) => left.CompareTo(right) < 0;
    public static bool operator >(Rating left, Rating right) => left.CompareTo(right) > 0;
    public static bool operator <=(Rating left, Rating right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Rating left, Rating right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
