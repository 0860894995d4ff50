using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Baseline;

/// <summary>
/// Lv.2 step 4: the tailored 規程 chapters land in the policy set as drafts (one 対策基準 per
/// chapter), merged with what Lv.1 produced: each Lv.1 measure moves into the chapter that covers
/// its first Annex A control, and the Lv.1 standard gets a draft saying where its measures went,
/// so that no rule stands twice.
/// </summary>
public static partial class AdoptRules
{
    public sealed record Result(IReadOnlyList<PolicyDocument> Chapters, IReadOnlyList<string> Unfilled);

    public static async Task<Result?> HandleAsync(MamoriDb db, Membership membership, Organization organization, string author, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return null;
        }

        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var (measures, quickDocuments) = await QuickMeasuresAsync(db, organization, culture, cancellationToken);
        var tailored = TailorRules.Tailor(organization, roles, culture, measures.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value.Select(x => x.Text).ToList()));
        var unfilled = tailored.SelectMany(t => t.Unfilled).Distinct().ToList();
        if (unfilled.Count > 0)
        {
            return new Result([], unfilled);
        }

        // One commit: SaveDocument saves each document on its own, and a failure must leave none of them.
        // Inside a caller's transaction (the demo organization's), that transaction is the one commit.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var adopted = new List<PolicyDocument>();
        foreach (var chapter in tailored)
        {
            var key = $"baseline:{chapter.Chapter.Id}";
            var existing = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.SourceKey == key, cancellationToken);
            var controls = chapter.Chapter.ControlIds.Concat(measures.GetValueOrDefault(chapter.Chapter.Id, []).SelectMany(m => m.Controls)).Distinct().Order(ControlIdComparer.Instance).ToList();
            var saved = await SaveDocument.HandleAsync(db, membership, existing?.Id, new SaveDocument.Request
            {
                Kind = DocumentKind.Standard,
                Number = existing?.Number ?? chapter.Chapter.Number,
                Title = existing?.Title ?? chapter.Chapter.Title,
                Scope = existing?.Scope ?? Messages.BaselineScopeAll,
                ControlIds = controls,
                ReviewIntervalMonths = existing?.ReviewIntervalMonths ?? PolicyDocument.DefaultReviewMonths,
                Body = chapter.Template,
                Summary = Messages.BaselineAdoptedSummary,
                Version = existing?.Version ?? 0,
            }, author, now, cancellationToken);
            var document = saved.EnsureSaved();
            if (document.SourceKey != key)
            {
                (await db.PolicyDocuments.SingleAsync(d => d.Id == document.Id, cancellationToken)).SourceKey = key;
                await db.SaveChangesAsync(cancellationToken);
            }

            adopted.Add(document);
        }

        // The Lv.1 standards keep their history; their next draft points to the chapters that now hold their measures.
        foreach (var (document, chapters) in quickDocuments)
        {
            var numbers = string.Join(DocumentText.ResourceManager.Text(nameof(DocumentText.DocxListSeparator), culture), chapters.Distinct().Order(StringComparer.Ordinal).Select(c => BaselineCatalog.For(culture).Chapter(c)!.Number + " " + BaselineCatalog.For(culture).Chapter(c)!.Title));
            var merged = await SaveDocument.HandleAsync(db, membership, document.Id, new SaveDocument.Request
            {
                Kind = document.Kind,
                Number = document.Number,
                Title = document.Title,
                Scope = document.Scope,
                ControlIds = [.. document.ControlIds],
                ReviewIntervalMonths = document.ReviewIntervalMonths,
                Body = string.Format(CultureInfo.CurrentCulture, Messages.BaselineMergedNote, numbers),
                Summary = Messages.BaselineAdoptedSummary,
                Version = document.Version,
            }, author, now, cancellationToken);
            merged.EnsureSaved();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return new Result(adopted, []);
    }

    public sealed record QuickMeasure(string Text, IReadOnlyList<string> Controls);

    /// <summary>The measures of the Lv.1 standards (their latest text), each assigned to the chapter covering its first control.</summary>
    public static async Task<(Dictionary<string, List<QuickMeasure>> ByChapter, List<(PolicyDocument Document, List<string> Chapters)> Documents)> QuickMeasuresAsync(
        MamoriDb db, Organization organization, CultureInfo culture, CancellationToken cancellationToken)
    {
        var catalog = BaselineCatalog.For(culture);
        var applying = catalog.Chapters.Where(c => TailorRules.Applies(c, organization)).ToList();
        var documents = await db.PolicyDocuments.AsNoTracking()
            .Where(d => d.Kind == DocumentKind.Standard && d.SourceKey.StartsWith("quick:"))
            .ToListAsync(cancellationToken);
        var byChapter = new Dictionary<string, List<QuickMeasure>>();
        var merged = new List<(PolicyDocument, List<string>)>();
        foreach (var document in documents)
        {
            var latest = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == document.Id).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
            var chapters = new List<string>();
            foreach (Match line in MeasureLine().Matches(latest.Body))
            {
                var controls = ControlId().Matches(line.Groups["cites"].Value).Select(m => m.Value).Where(id => CatalogSet.Default.FindControl(id) is not null).ToList();
                var chapter = controls.Select(id => applying.FirstOrDefault(c => c.ControlIds.Contains(id))).FirstOrDefault(c => c is not null)
                    ?? applying.First(c => c.Id == FallbackChapter(controls));
                if (!byChapter.TryGetValue(chapter.Id, out var list))
                {
                    byChapter[chapter.Id] = list = [];
                }

                var text = line.Groups["text"].Value.Trim() + line.Groups["cites"].Value;
                if (!list.Any(m => m.Text == text))
                {
                    list.Add(new QuickMeasure(text, controls));
                }

                chapters.Add(chapter.Id);
            }

            if (chapters.Count > 0)
            {
                merged.Add((document, chapters));
            }
        }

        return (byChapter, merged);
    }

    /// <summary>A control no chapter lists goes to the chapter of its theme.</summary>
    private static string FallbackChapter(IReadOnlyList<string> controls) =>
        controls.Select(id => CatalogSet.Default.FindControl(id)!.Theme).FirstOrDefault() switch
        {
            ControlTheme.People => "people",
            ControlTheme.Physical => "physical",
            ControlTheme.Technological => "it-operations",
            _ => "organizational",
        };

    // "- text（8.13 情報のバックアップ、5.30 …）" as GenerateStandards writes a measure.
    [GeneratedRegex(@"^- (?<text>[^\n（]+?)(?<cites>（[^\n]*）)?$", RegexOptions.Multiline)]
    private static partial Regex MeasureLine();

    [GeneratedRegex(@"\b[5-8]\.\d{1,2}\b")]
    private static partial Regex ControlId();
}
