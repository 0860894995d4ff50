using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Organizations;

namespace Mamori.Features.RuleValues;

/// <summary>The organization's rule values as the page, the API and `mamori params list` show them: each with its setting, its default and why.</summary>
public static class ListRuleValues
{
    /// <param name="Stored">What the organization set (a number, a choice's key or a text), or null when it takes the default.</param>
    /// <param name="Input">What an input shows and would save unchanged: the setting, else the default (a choice's key).</param>
    /// <param name="Shown">The value as documents write it.</param>
    /// <param name="DefaultShown">The default as documents write it.</param>
    public sealed record Row(RuleValue Value, string? Stored, string Input, string Shown, string DefaultShown)
    {
        public bool IsDefault => Stored is null;
    }

    public static IReadOnlyList<Row> Rows(Organization organization, CultureInfo culture) =>
        RuleValuesCatalog.For(culture).Values.Select(v =>
        {
            var stored = v.Kind == RuleValueKind.Fact ? null : organization.RuleValues.GetValueOrDefault(v.Key);
            var input = stored ?? (v.Parse(v.Default, out var canonical) == RuleValueProblem.None ? canonical : v.Default);
            return new Row(v, stored, input, v.Display(stored), v.Display(null));
        }).ToList();
}
