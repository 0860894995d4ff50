using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Mamori.Features.GettingStarted;
using Mamori.Features.Quick;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dashboard;

/// <summary>Where the organization stands: the 3×3 risk map, risks by band, what needs attention, overdue treatments.</summary>
public sealed class IndexModel : OrganizationPage
{
    /// <summary>Counts of assets by [重要度 − 1, 被害発生可能性 − 1].</summary>
    public int[,] HeatMap { get; } = new int[3, 3];

    public int AssetCount { get; private set; }

    public int NotAssessed { get; private set; }

    public Dictionary<RiskBand, int> ByBand { get; } = new() { [RiskBand.High] = 0, [RiskBand.Medium] = 0, [RiskBand.Low] = 0 };

    public IReadOnlyList<(RiskScenario Scenario, RelationOutcome Outcome)> Warnings { get; private set; } = [];

    public IReadOnlyList<TreatmentTask> Overdue { get; private set; } = [];

    public int OpenTasks { get; private set; }

    /// <summary>Documents due or overdue for review, or that should be revised because what they rest on changed.</summary>
    public IReadOnlyList<Mamori.Features.Policies.DocumentStatus.Item> DocumentsToReview { get; private set; } = [];

    /// <summary>A newer 10大脅威 than the organization's Lv.1 standards were built from, or null.</summary>
    public TopThreatsChange.Change? TopThreats { get; private set; }

    /// <summary>はじめての情報セキュリティ, for the 次にやること panel; null for a member who cannot read the register.</summary>
    public PathProgress.Progress? Path { get; private set; }

    private sealed record RiskMapCell(int Importance, Rating? Likelihood, int Count);

    /// <summary>Everything this page reads, computed together and kept until the data (or the day) changes. Read only.</summary>
    private sealed record Figures(
        List<RiskMapCell> Cells,
        List<RiskScenario> Warnings,
        int OpenTasks,
        List<TreatmentTask> Overdue,
        List<Mamori.Features.Policies.DocumentStatus.Item> DocumentsToReview);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Membership.CanReadRegister)
        {
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        Path = await Snapshots.GetAsync(
            Db,
            $"path:{culture.Name}:{Organization.Version}",
            ct => PathProgress.BuildAsync(Db, Organization, culture, ct),
            p => p.Steps.Count,
            cancellationToken);
        TopThreats = await TopThreatsChange.ReadAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken: cancellationToken);
        var today = Today;
        // "Overdue" and "review due" depend on the day as well as on the data.
        var figures = await Snapshots.GetAsync(
            Db,
            $"dashboard:{today:yyyy-MM-dd}",
            ct => ReadAsync(Db, today, ct),
            f => f.Cells.Count + f.Warnings.Count + f.Overdue.Count + f.DocumentsToReview.Count,
            cancellationToken);
        foreach (var cell in figures.Cells)
        {
            AssetCount += cell.Count;
            if (cell.Likelihood is not { } likelihood)
            {
                NotAssessed += cell.Count;
                continue;
            }

            HeatMap[cell.Importance - 1, likelihood.Value - 1] += cell.Count;
            ByBand[Organization.RiskBands.Classify(cell.Importance * likelihood.Value)] += cell.Count;
        }

        Warnings = figures.Warnings.Select(s => (s, RelationCheck.Evaluate(s))).ToList();
        OpenTasks = figures.OpenTasks;
        Overdue = figures.Overdue;
        DocumentsToReview = figures.DocumentsToReview;
    }

    /// <summary>One click: the draft standard of a threat that entered the top 10.</summary>
    public async Task<IActionResult> OnPostAdoptThreatAsync(string topic, CancellationToken cancellationToken)
    {
        var (outcome, standard) = await TopThreatsChange.AdoptAsync(Db, Membership, Organization, topic, CultureInfo.CurrentUICulture, User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken: cancellationToken);
        switch (outcome)
        {
            case TopThreatsChange.Outcome.Forbidden:
                return Forbid();
            case TopThreatsChange.Outcome.NotFound:
                return NotFound();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, DashboardText.TopThreatsAdopted, standard!.Title));
        return Redirect($"{Base}/policy/{standard.Id}");
    }

    /// <summary>The newest top 10 has been gone through: the notice ends.</summary>
    public async Task<IActionResult> OnPostTopThreatsCheckedAsync(CancellationToken cancellationToken)
    {
        var outcome = await TopThreatsChange.MarkCheckedAsync(Db, Membership, cancellationToken: cancellationToken);
        if (outcome == TopThreatsChange.Outcome.Forbidden)
        {
            return Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, DashboardText.TopThreatsMarked, Mamori.Catalogs.CatalogSet.Default.TopThreatYears[^1]));
        return Redirect(Base);
    }

    private static async Task<Figures> ReadAsync(MamoriDb db, DateOnly today, CancellationToken cancellationToken)
    {
        // One grouped query for the whole register, whatever its size.
        var cells = await db.Assets
            .GroupBy(a => new { Importance = EF.Property<int>(a, MamoriDb.StoredImportance), a.Likelihood })
            .Select(g => new RiskMapCell(g.Key.Importance, g.Key.Likelihood, g.Count()))
            .ToListAsync(cancellationToken);
        var warnings = await db.RiskScenarios.AsNoTracking()
            .Where(s => MamoriDb.RelationsNeedingAttention.Contains(EF.Property<int?>(s, MamoriDb.StoredRelation)))
            .OrderBy(s => s.Id)
            .Take(10)
            .ToListAsync(cancellationToken);
        var open = db.TreatmentTasks.AsNoTracking().Where(t => t.Status != TreatmentStatus.Done);
        var openTasks = await open.CountAsync(cancellationToken);
        // TreatmentTask.IsOverdue, as a query.
        var overdue = await open.Where(t => t.DueOn != null && t.DueOn < today).OrderBy(t => t.DueOn).Take(10).ToListAsync(cancellationToken);
        var documents = (await Mamori.Features.Policies.DocumentStatus.ListAsync(db, today, cancellationToken))
            .Where(d => d.ReviewDue || d.RevisionRecommended)
            .Take(10)
            .ToList();
        return new(cells, warnings, openTasks, overdue, documents);
    }
}
