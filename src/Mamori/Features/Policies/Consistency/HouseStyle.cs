using Mamori.Catalogs;

namespace Mamori.Features.Policies.Consistency;

/// <summary>Spellings outside the house style (catalogs/house-style.yaml): サーバ for サーバー, ぜい弱性 for 脆弱性…</summary>
internal static class HouseStyle
{
    public sealed record Variant(int Index, int Length, string Written, string Preferred);

    /// <param name="quoted">Texts quoted as their owners write them (the JIS Q 27001 control titles, the organization's name): set aside.</param>
    public static IEnumerable<Variant> Find(string text, IEnumerable<string> quoted)
    {
        // Blank what is set aside with marks of the same length, so every index still points into the text.
        var reading = quoted.Where(q => q.Length > 0).OrderByDescending(q => q.Length)
            .Aggregate(text, (t, q) => t.Replace(q, new string('〓', q.Length), StringComparison.Ordinal));
        foreach (var term in HouseStyleCatalog.Default.Terms)
        {
            var withoutPreferred = reading.Replace(term.Preferred, new string('〓', term.Preferred.Length), StringComparison.Ordinal);
            foreach (var variant in term.Variants)
            {
                for (var at = withoutPreferred.IndexOf(variant, StringComparison.Ordinal); at >= 0; at = withoutPreferred.IndexOf(variant, at + variant.Length, StringComparison.Ordinal))
                {
                    yield return new(at, variant.Length, variant, term.Preferred);
                }
            }
        }
    }
}
