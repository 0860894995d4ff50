using System.Globalization;

namespace Mamori.Domain.Catalog;

/// <summary>
/// Orders control ids the way the standard numbers them, part by part: 5.2 before 5.10, A.5.9
/// before A.5.10 (an ordinal sort puts 5.10 first). A part that is not a number compares as text.
/// </summary>
public sealed class ControlIdComparer : IComparer<string>
{
    public static ControlIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var left = x.Split('.');
        var right = y.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = int.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && int.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length.CompareTo(right.Length);
    }
}
