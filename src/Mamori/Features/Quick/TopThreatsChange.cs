using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Quick;

/// <summary>
/// Keeping the Lv.1 standards current when IPA publishes a new 10大脅威: against the year the
/// organization's standards were built from (<see cref="Organization.TopThreatsYear"/>), which
/// threats entered the catalog's newest list — each offered as a draft standard in one click — and
/// which left it, whose approved standards are flagged 改訂を推奨 until approved again after the new
/// list came out. Marking the new list as checked ends the notice. A new year is catalog data only.
/// </summary>
public static class TopThreatsChange
{
    /// <summary>The <see cref="PolicyDocument.SourceKey"/> prefix of a Lv.1 standard, followed by its topic.</summary>
    public const string SourcePrefix = "quick:";

    /// <param name="Standard">The organization's Lv.1 standard for the threat, if it has one.</param>
    /// <param name="HasTemplate">Mamori has a Lv.1 template for the threat, so a draft is one click away.</param>
    /// <param name="ReviewNeeded">For a threat that left: its standard is approved and was last approved before the new list.</param>
    public sealed record Threat(TopThreat Entry, PolicyDocument? Standard, bool HasTemplate, bool ReviewNeeded);

    /// <param name="BuiltFrom">The year the organization's Lv.1 standards were built from.</param>
    /// <param name="Latest">The catalog's newest year.</param>
    public sealed record Change(int BuiltFrom, int Latest, DateOnly? PublishedOn, IReadOnlyList<Threat> Entered, IReadOnlyList<Threat> Left);

    public enum Outcome
    {
        Done,
        Forbidden,
        NotFound,
    }

    /// <summary>What changed since the organization's year, or null when its standards follow the newest list (or it has none).</summary>
    public static async Task<Change?> ReadAsync(MamoriDb db, Organization organization, CultureInfo culture, CatalogSet? catalogs = null, CancellationToken cancellationToken = default)
    {
        catalogs ??= CatalogSet.Default;
        var standards = await StandardsAsync(db, cancellationToken);
        var builtFrom = organization.TopThreatsYear ?? DerivedYear(standards.Values, await FirstVersionsAsync(db, standards.Values, cancellationToken), catalogs);
        var latest = catalogs.TopThreatYears[^1];
        if (builtFrom is not { } year || year >= latest)
        {
            return null;
        }

        var before = catalogs.TopThreatsOf(year).Select(t => t.TopicId).ToHashSet();
        var newest = catalogs.TopThreatsOf(latest);
        var newestTopics = newest.Select(t => t.TopicId).ToHashSet();
        var publishedOn = PublishedOn(catalogs, latest);
        var quick = QuickCatalog.For(culture);
        Threat Describe(TopThreat entry)
        {
            var standard = standards.GetValueOrDefault(entry.TopicId);
            return new(entry, standard, quick.StandardFor(entry.TopicId) is not null, standard is not null && NeedsReview(standard, newestTopics, publishedOn));
        }

        var entered = newest.Where(t => !before.Contains(t.TopicId)).Select(Describe).ToList();
        var left = catalogs.TopThreatsOf(year).Where(t => !newestTopics.Contains(t.TopicId)).Select(Describe).ToList();
        return new(year, latest, publishedOn, entered, left);
    }

    /// <summary>
    /// A Lv.1 standard whose threat is not in the catalog's newest list and that was approved before
    /// that list came out: 改訂を推奨 until it is approved again (or retired).
    /// </summary>
    public static bool LeftTheList(PolicyDocument document, CatalogSet? catalogs = null)
    {
        catalogs ??= CatalogSet.Default;
        if (TopicOf(document) is null)
        {
            return false;
        }

        var latest = catalogs.TopThreatYears[^1];
        return NeedsReview(document, catalogs.TopThreatsOf(latest).Select(t => t.TopicId).ToHashSet(), PublishedOn(catalogs, latest));
    }

    /// <summary>One click: the Lv.1 draft standard (and its procedures) of a threat in the newest list, as the Lv.1 flow makes it; an existing standard is left as it is.</summary>
    public static async Task<(Outcome Outcome, PolicyDocument? Standard)> AdoptAsync(
        MamoriDb db, Membership membership, Organization organization, string topicId, CultureInfo culture, string author, DateTimeOffset now,
        CatalogSet? catalogs = null, CancellationToken cancellationToken = default)
    {
        catalogs ??= CatalogSet.Default;
        if (!membership.CanEditDocuments)
        {
            return (Outcome.Forbidden, null);
        }

        if (!catalogs.TopThreatsOf(catalogs.TopThreatYears[^1]).Any(t => t.TopicId == topicId) || QuickCatalog.For(culture).StandardFor(topicId) is null)
        {
            return (Outcome.NotFound, null);
        }

        var sourceKey = SourcePrefix + topicId;
        if (await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.SourceKey == sourceKey, cancellationToken) is { } existing)
        {
            return (Outcome.Done, existing);
        }

        var roles = await db.PolicyRoles.AsNoTracking().ToListAsync(cancellationToken);
        var generated = GenerateStandards.Generate(topicId, organization, roles, GenerateStandards.Edits.None, culture);
        var adopted = await AdoptStandards.HandleAsync(db, membership, [generated], author, now, cancellationToken);
        return adopted is null ? (Outcome.Forbidden, null) : (Outcome.Done, adopted[0]);
    }

    /// <summary>The newest list has been checked: the notice ends (flags on standards stay until they are approved again).</summary>
    public static async Task<Outcome> MarkCheckedAsync(MamoriDb db, Membership membership, CatalogSet? catalogs = null, CancellationToken cancellationToken = default)
    {
        catalogs ??= CatalogSet.Default;
        if (!membership.CanEditDocuments)
        {
            return Outcome.Forbidden;
        }

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == membership.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return Outcome.NotFound;
        }

        organization.TopThreatsYear = catalogs.TopThreatYears[^1];
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>
    /// Before the Lv.1 flow adds standards: an organization that has no year yet gets the one its
    /// existing standards were built from, or the newest if it has none.
    /// </summary>
    internal static async Task RecordBuiltFromAsync(MamoriDb db, Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null || organization.TopThreatsYear is not null)
        {
            return;
        }

        var catalogs = CatalogSet.Default;
        var standards = await StandardsAsync(db, cancellationToken);
        organization.TopThreatsYear = DerivedYear(standards.Values, await FirstVersionsAsync(db, standards.Values, cancellationToken), catalogs)
            ?? catalogs.TopThreatYears[^1];
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The topic of a Lv.1 standard ("quick:ransomware" → ransomware), or null for any other document.</summary>
    public static string? TopicOf(PolicyDocument document) =>
        document.Kind == DocumentKind.Standard && document.SourceKey.StartsWith(SourcePrefix, StringComparison.Ordinal) && document.SourceKey.IndexOf(':', SourcePrefix.Length) < 0
            ? document.SourceKey[SourcePrefix.Length..]
            : null;

    private static bool NeedsReview(PolicyDocument standard, HashSet<string> newestTopics, DateOnly? publishedOn) =>
        TopicOf(standard) is { } topic && !newestTopics.Contains(topic)
        && standard.LastApprovedAt is { } approved && (publishedOn is not { } day || DateOnly.FromDateTime(approved.UtcDateTime) < day);

    private static DateOnly? PublishedOn(CatalogSet catalogs, int year) => catalogs.TopThreatsOf(year).Select(t => t.PublishedOn).FirstOrDefault();

    private static async Task<Dictionary<string, PolicyDocument>> StandardsAsync(MamoriDb db, CancellationToken cancellationToken) =>
        (await db.PolicyDocuments.AsNoTracking()
            .Where(d => d.Kind == DocumentKind.Standard && d.SourceKey.StartsWith(SourcePrefix))
            .ToListAsync(cancellationToken))
        .Where(d => TopicOf(d) is not null)
        .ToDictionary(d => TopicOf(d)!);

    private static async Task<List<DateTimeOffset>> FirstVersionsAsync(MamoriDb db, IEnumerable<PolicyDocument> standards, CancellationToken cancellationToken)
    {
        var ids = standards.Select(d => d.Id).ToList();
        return ids.Count == 0
            ? []
            : await db.DocumentVersions.AsNoTracking().Where(v => ids.Contains(v.DocumentId) && v.Number == 1).Select(v => v.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// For standards made before the year was kept: the newest list published on or before the day
    /// the first of them was written (the oldest list if they are older still); null without any.
    /// </summary>
    private static int? DerivedYear(IEnumerable<PolicyDocument> standards, List<DateTimeOffset> firstVersions, CatalogSet catalogs)
    {
        if (!standards.Any())
        {
            return null;
        }

        var written = firstVersions.Count > 0 ? DateOnly.FromDateTime(firstVersions.Min().UtcDateTime) : DateOnly.MaxValue;
        return catalogs.TopThreatYears.LastOrDefault(y => PublishedOn(catalogs, y) is { } day && day <= written, catalogs.TopThreatYears[0]);
    }
}
