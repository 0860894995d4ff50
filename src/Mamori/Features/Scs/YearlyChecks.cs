using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// The yearly checks ★3 criteria ask for, as recurring reviews: one open check per criterion, due at
/// the end of the fiscal year (31 March); completing it records who, when and what was found, and
/// opens the next one, due at the end of the following fiscal year.
/// </summary>
public static class YearlyChecks
{
    public sealed record Item(ScsYearlyCheck Check, ScsCriterion Criterion)
    {
        public bool IsOverdue(DateOnly today) => Check.IsOverdue(today);
    }

    /// <summary>The last day of the fiscal year <paramref name="day"/> falls in.</summary>
    public static DateOnly EndOfFiscalYear(DateOnly day) => new(ScsAssessment.FiscalYearOf(day) + 1, 3, 31);

    /// <summary>Adds (without saving) an open check for each yearly criterion that has none.</summary>
    public static async Task OpenMissingAsync(MamoriDb db, Organization organization, DateOnly today, CancellationToken cancellationToken = default)
    {
        var open = (await db.ScsYearlyChecks.Where(c => c.CompletedAt == null).Select(c => c.CriterionId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        db.ScsYearlyChecks.AddRange(ScsCatalog.Default.CriteriaOf(Star3Assessment.Level)
            .Where(c => c.Yearly && !open.Contains(c.Id))
            .Select(c => new ScsYearlyCheck(organization.Id, c.Id, EndOfFiscalYear(today))));
    }

    /// <summary>Open checks first (soonest due first), then those done, newest first.</summary>
    public static async Task<IReadOnlyList<Item>> ListAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        var checks = await db.ScsYearlyChecks.AsNoTracking().ToListAsync(cancellationToken);
        return checks.Select(c => (Check: c, Criterion: ScsCatalog.Default.Find(c.CriterionId)))
            .Where(x => x.Criterion is not null)
            .OrderBy(x => x.Check.CompletedAt is not null).ThenBy(x => x.Check.CompletedAt is null ? x.Check.DueOn : DateOnly.MaxValue)
            .ThenByDescending(x => x.Check.CompletedAt).ThenBy(x => x.Check.CriterionId, StringComparer.Ordinal)
            .Select(x => new Item(x.Check, x.Criterion!)).ToList();
    }

    /// <summary>Open checks due within <paramref name="days"/> days or overdue, soonest first (the dashboard's line).</summary>
    public static async Task<IReadOnlyList<Item>> DueAsync(MamoriDb db, DateOnly today, int days, CancellationToken cancellationToken = default)
    {
        var until = today.AddDays(days);
        var checks = await db.ScsYearlyChecks.AsNoTracking().Where(c => c.CompletedAt == null && c.DueOn <= until).OrderBy(c => c.DueOn).ToListAsync(cancellationToken);
        return checks.Where(c => ScsCatalog.Default.Find(c.CriterionId) is not null).Select(c => new Item(c, ScsCatalog.Default.Find(c.CriterionId)!)).ToList();
    }

    public static async Task<(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors)> CompleteAsync(
        MamoriDb db, Membership membership, Organization organization, Guid checkId, string? findings, string actor, DateTimeOffset now, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return (SaveStatus.Forbidden, FieldErrors.None);
        }

        var check = await db.ScsYearlyChecks.SingleOrDefaultAsync(c => c.Id == checkId, cancellationToken);
        if (check is null)
        {
            return (SaveStatus.NotFound, FieldErrors.None);
        }

        var errors = new FieldErrors();
        if (check.CompletedAt is not null)
        {
            errors.Add("", ScsWords.CheckAlreadyDone);
        }

        errors.Text(nameof(ScsYearlyCheck.Findings), findings, ScsAnswer.MaxTextLength, ScsWords.CheckFindingsRequired);
        if (errors.Count > 0)
        {
            return (SaveStatus.Invalid, errors);
        }

        check.CompletedAt = now.ToUniversalTime();
        check.CompletedBy = actor;
        check.Findings = findings!.Trim();
        db.ScsYearlyChecks.Add(new ScsYearlyCheck(organization.Id, check.CriterionId, EndOfFiscalYear(today).AddYears(1)));
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, FieldErrors.None);
    }
}
