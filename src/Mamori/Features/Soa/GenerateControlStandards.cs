using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Soa;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Soa;

/// <summary>
/// Lv.3: a 対策基準 for every control decided 適用 that no standard implements yet, from the
/// per-control template, stored with its placeholders so that the organization's names, roles and
/// rule values are filled whenever it is read. A control a Lv.1 standard or a Lv.2
/// chapter already cites is linked to that document, not written again; a second run updates the
/// documents it made (keyed soa:&lt;control&gt;) with a new draft.
/// </summary>
public static class GenerateControlStandards
{
    public sealed record Result(IReadOnlyList<PolicyDocument> Created, IReadOnlyList<string> Linked, IReadOnlyList<string> Unfilled);

    public static async Task<Result?> HandleAsync(MamoriDb db, Membership membership, Organization organization, string author, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return null;
        }

        // One commit: SaveDocument saves each document on its own, and a failure must leave none of them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var applicable = await db.SoaEntries.AsNoTracking().Where(e => e.Applicability == Applicability.Applicable).Select(e => e.ControlId).ToListAsync(cancellationToken);
        var documents = await db.PolicyDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.Standard).ToListAsync(cancellationToken);
        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var created = new List<PolicyDocument>();
        var linked = new List<string>();
        var unfilled = new List<string>();
        foreach (var controlId in applicable.OrderBy(c => c, ControlOrder.Instance))
        {
            var key = $"soa:{controlId}";
            var own = documents.SingleOrDefault(d => d.SourceKey == key);
            if (own is null && documents.Any(d => d.ControlIds.Contains(controlId)))
            {
                linked.Add(controlId);
                continue;
            }

            var control = CatalogSet.Default.FindControl(controlId)!;
            var template = ControlStandardCatalog.For(culture).BodyFor(controlId)!;
            var (_, missing) = TailorRules.Fill(template, organization, roles, culture);
            if (missing.Count > 0)
            {
                unfilled.AddRange(missing.Select(m => $"{controlId}: {m}"));
                continue;
            }

            var saved = await SaveDocument.HandleAsync(db, membership, own?.Id, new SaveDocument.Request
            {
                Kind = DocumentKind.Standard,
                Number = own?.Number ?? $"A.{controlId}",
                Title = own?.Title ?? control.Title(culture),
                Scope = own?.Scope ?? Messages.BaselineScopeAll,
                ControlIds = [controlId],
                ReviewIntervalMonths = own?.ReviewIntervalMonths ?? PolicyDocument.DefaultReviewMonths,
                Body = template,
                Summary = Messages.SoaGeneratedSummary,
                Version = own?.Version ?? 0,
            }, author, now, cancellationToken);
            var document = saved.EnsureSaved();
            if (document.SourceKey != key)
            {
                (await db.PolicyDocuments.SingleAsync(d => d.Id == document.Id, cancellationToken)).SourceKey = key;
                await db.SaveChangesAsync(cancellationToken);
            }

            created.Add(document);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Result(created, linked, unfilled);
    }

    /// <summary>5.2 before 5.10: Annex A order, not string order.</summary>
    private sealed class ControlOrder : IComparer<string>
    {
        public static readonly ControlOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            static (int, int) Parts(string? id) => id?.Split('.') is [var a, var b] && int.TryParse(a, out var i) && int.TryParse(b, out var j) ? (i, j) : (0, 0);
            return Parts(x).CompareTo(Parts(y));
        }
    }
}
