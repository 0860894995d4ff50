using System.Text.RegularExpressions;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Policies;

namespace Mamori.Features.RuleValues;

/// <summary>
/// How documents use the organization's rule values: which {{ rules.KEY }} a text uses, what a
/// version keeps when it is approved, the values each version is read with (a draft the current
/// ones, an approved or published version those it was approved with) and which of them have
/// changed since.
/// </summary>
public static partial class RuleValueUse
{
    private static readonly RuleValuesCatalog Catalog = RuleValuesCatalog.For(Language.Japanese);

    /// <summary>The rule values a text uses, each once, in the order it first uses them; unknown keys are left out.</summary>
    public static IReadOnlyList<string> Keys(string text) =>
        RulePlaceholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Where(k => Catalog.Find(k) is not null).ToList();

    /// <summary>What a version approved now keeps: the setting of each rule value its text uses.</summary>
    /// <param name="settings">The organization's rule values (<c>Organization.RuleValues</c>).</param>
    public static Dictionary<string, string> Snapshot(string text, IReadOnlyDictionary<string, string> settings) =>
        Keys(text).ToDictionary(k => k, k => Catalog.Find(k)!.Setting(settings.GetValueOrDefault(k)), StringComparer.Ordinal);

    /// <summary>Does this version keep the values it was approved with (承認済, 公開, 旧版)?</summary>
    public static bool Keeps(DocumentVersion version) =>
        version.Status is VersionStatus.Approved or VersionStatus.Published or VersionStatus.Superseded;

    /// <summary>The settings a version is read with: the current ones, under what an approved version kept.</summary>
    public static IReadOnlyDictionary<string, string> ReadWith(DocumentVersion? version, IReadOnlyDictionary<string, string> settings)
    {
        if (version is null || !Keeps(version) || version.RuleValues.Count == 0)
        {
            return settings;
        }

        var values = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach (var (key, kept) in version.RuleValues)
        {
            values[key] = kept;
        }

        return values;
    }

    /// <summary>
    /// The rule values an approved or published version reads differently from the current settings,
    /// in the order its text uses them. Empty for a draft (it reads the current values) and for a
    /// version approved before values were kept.
    /// </summary>
    public static IReadOnlyList<string> Changed(DocumentVersion? version, IReadOnlyDictionary<string, string> settings)
    {
        if (version is null || !Keeps(version))
        {
            return [];
        }

        return Keys(version.Body)
            .Where(k => version.RuleValues.TryGetValue(k, out var kept) && !RuleValuesCatalog.SameValue(k, kept, Catalog.Find(k)!.Setting(settings.GetValueOrDefault(k))))
            .ToList();
    }

    [GeneratedRegex(@"\{\{-?\s*rules\.([A-Za-z0-9_]+)")]
    private static partial Regex RulePlaceholder();
}
