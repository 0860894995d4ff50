using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Organizations;

namespace Mamori.Features.RuleValues;

/// <summary>The organization's rule values as the page, the API and `mamori params list` show them: each with its setting, its default and why.</summary>
public static class ListRuleValues
{
    /// <param name="Stored">What the organization set (a number, a choice's key or a text), or null when it takes the default.</param>
    /// <param name="Default">The default as it would be set: a number in invariant digits, a choice's key, a text.</param>
    /// <param name="Shown">The value as documents write it.</param>
    /// <param name="DefaultShown">The default as documents write it.</param>
    public sealed record Row(RuleValue Value, string? Stored, string Default, string Shown, string DefaultShown)
    {
        public bool IsDefault => Stored is null;

        /// <summary>What an input shows and would save unchanged: the setting, else the default.</summary>
        public string Input => Stored ?? Default;
    }

    public static IReadOnlyList<Row> Rows(Organization organization, CultureInfo culture) =>
        RuleValuesCatalog.For(culture).Values.Select(v =>
        {
            var stored = v.Kind == RuleValueKind.Fact ? null : organization.RuleValues.GetValueOrDefault(v.Key);
            var fallback = v.Parse(v.Default, out var canonical) == RuleValueProblem.None ? canonical : v.Default;
            return new Row(v, stored, fallback, v.Display(stored), v.Display(null));
        }).ToList();
}
