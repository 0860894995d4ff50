using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Policies;
using Mamori.Features.RuleValues;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Where each document of the policy set stands: its latest and published versions, its review
/// date, and whether it should be revised (改訂を推奨): because risks or assets it rests on — the
/// risk scenarios citing its controls, and their assets — changed after its last approval, or
/// because a rule value its approved or published version uses has changed since it was approved, or
/// because its threat left IPA's 10大脅威 after it was approved (<see cref="Quick.TopThreatsChange"/>).
/// </summary>
public static class DocumentStatus
{
    /// <param name="RisksChanged">A risk scenario citing its controls, or its asset, changed after the last approval.</param>
    /// <param name="ChangedRuleValues">The rule values its approved or published version reads differently from the organization's current ones.</param>
    public sealed record Item(
        PolicyDocument Document,
        DocumentVersion? Latest,
        DocumentVersion? Published,
        bool ReviewDue,
        bool ReviewOverdue,
        bool RisksChanged,
        IReadOnlyList<RuleValueChange> ChangedRuleValues)
    {
        /// <summary>A Lv.1 standard whose threat left the newest 10大脅威 after its last approval.</summary>
        public bool LeftTopThreats { get; init; }

        public bool RevisionRecommended => RisksChanged || ChangedRuleValues.Count > 0 || LeftTopThreats;

        /// <summary>The labels of the changed rule values, for a list.</summary>
        public IReadOnlyList<string> ChangedRuleValueLabels(CultureInfo culture) =>
            [.. ChangedRuleValues.Select(c => RuleValuesCatalog.For(culture).Find(c.Key)?.Label ?? c.Key)];
    }

    /// <summary>A rule value an approved version kept (<paramref name="Kept"/>) that the organization has since changed (<paramref name="Current"/>); both are settings.</summary>
    public sealed record RuleValueChange(string Key, string Kept, string Current)
    {
        /// <summary>"label: kept → current" with units, as a person reads it.</summary>
        public string Describe(CultureInfo culture)
        {
            if (RuleValuesCatalog.For(culture).Find(Key) is not { } value)
            {
                return Key;
            }

            string Shown(string setting) => value.Unit.Length > 0 ? $"{value.Display(setting)} {value.Unit}" : value.Display(setting);
            return $"{value.Label}: {Shown(Kept)} → {Shown(Current)}";
        }
    }

    /// <param name="revisionChecks">
    /// Whether to find what recommends a revision (changed risks, rule values, the 10大脅威); writing the
    /// documents out needs only their versions, and the checks read the risk register and three catalogs.
    /// </param>
    public static async Task<IReadOnlyList<Item>> ListAsync(MamoriDb db, DateOnly today, CancellationToken cancellationToken = default, bool revisionChecks = true)
    {
        var documents = await db.PolicyDocuments.AsNoTracking().ToListAsync(cancellationToken);
        var versions = await db.DocumentVersions.AsNoTracking()
            .Select(v => new { v.DocumentId, v.Id, v.Number, v.Status })
            .ToListAsync(cancellationToken);
        var latestIds = versions.GroupBy(v => v.DocumentId).Select(g => g.MaxBy(v => v.Number)!.Id).ToHashSet();
        var publishedIds = versions.Where(v => v.Status == VersionStatus.Published).Select(v => v.Id).ToList();
        var wanted = latestIds.Concat(publishedIds).Distinct().ToList();
        var loaded = (await db.DocumentVersions.AsNoTracking().Where(v => wanted.Contains(v.Id)).ToListAsync(cancellationToken))
            .ToLookup(v => v.DocumentId);

        var changes = revisionChecks ? await ChangesAsync(db, documents, cancellationToken) : new Dictionary<Guid, DateTimeOffset>();
        var settings = revisionChecks
            ? (await db.Organizations.AsNoTracking().Where(o => o.Id == db.TenantId).Select(o => o.RuleValues).SingleOrDefaultAsync(cancellationToken)) ?? []
            : [];
        return documents
            .OrderBy(d => d.Kind).ThenBy(d => d.Number, NumberComparer.Instance).ThenBy(d => d.Title, StringComparer.Ordinal)
            .Select(d =>
            {
                var latest = loaded[d.Id].SingleOrDefault(v => latestIds.Contains(v.Id));
                var published = loaded[d.Id].SingleOrDefault(v => v.Status == VersionStatus.Published);
                var risksChanged = d.LastApprovedAt is { } approved && changes.TryGetValue(d.Id, out var changed) && changed > approved;
                return new Item(d, latest, published, d.IsReviewDue(today), d.IsReviewOverdue(today), risksChanged,
                    revisionChecks ? RuleValueChanges(settings, published, latest) : [])
                {
                    LeftTopThreats = revisionChecks && Quick.TopThreatsChange.LeftTheList(d),
                };
            })
            .ToList();
    }

    /// <summary>The rule values the published version, and an approved version waiting to be published, read differently from the current settings.</summary>
    private static List<RuleValueChange> RuleValueChanges(IReadOnlyDictionary<string, string> settings, params DocumentVersion?[] versions)
    {
        var catalog = RuleValuesCatalog.For(Domain.Language.Japanese);
        return versions
            .Where(v => v is not null && RuleValueUse.Keeps(v))
            .SelectMany(v => RuleValueUse.Changed(v, settings).Select(key => new RuleValueChange(key, v!.RuleValues[key], catalog.Find(key)!.Setting(settings.GetValueOrDefault(key)))))
            .DistinctBy(c => c.Key)
            .ToList();
    }

    /// <summary>For each document with controls: when a risk scenario citing them, or its asset, last changed.</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> ChangesAsync(MamoriDb db, List<PolicyDocument> documents, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, DateTimeOffset>();
        if (!documents.Any(d => d.ControlIds.Count > 0 && d.LastApprovedAt is not null))
        {
            return result;
        }

        var scenarios = await db.RiskScenarios.AsNoTracking()
            .Select(s => new { s.AssetId, s.Controls, Changed = EF.Property<DateTimeOffset?>(s, MamoriDb.ChangedAt) })
            .ToListAsync(cancellationToken);
        var assetIds = scenarios.Select(s => s.AssetId).Distinct().ToList();
        var assetChanges = (await db.Assets.AsNoTracking()
                .Where(a => assetIds.Contains(a.Id))
                .Select(a => new { a.Id, Changed = EF.Property<DateTimeOffset?>(a, MamoriDb.ChangedAt) })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.Id, a => a.Changed);
        foreach (var document in documents.Where(d => d.ControlIds.Count > 0))
        {
            var latest = scenarios
                .Where(s => s.Controls.Any(c => document.ControlIds.Contains(c.ControlId)))
                .SelectMany(s => new[] { s.Changed, assetChanges.GetValueOrDefault(s.AssetId) })
                .Where(c => c is not null)
                .Max();
            if (latest is { } changed)
            {
                result[document.Id] = changed;
            }
        }

        return result;
    }

    /// <summary>Orders "2" before "10" and "3.2" before "3.10".</summary>
    public sealed class NumberComparer : IComparer<string>
    {
        public static NumberComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var left = i < a.Length ? a[i] : "";
                var right = i < b.Length ? b[i] : "";
                var order = int.TryParse(left, out var l) && int.TryParse(right, out var r) ? l.CompareTo(r) : string.CompareOrdinal(left, right);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }
    }
}
