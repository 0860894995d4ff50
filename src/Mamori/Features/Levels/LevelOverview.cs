using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Soa;
using Mamori.Features.Baseline;
using Mamori.Features.Soa;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Levels;

/// <summary>
/// Where the organization stands on the three levels (Lv.1 quick start, Lv.2 baseline, Lv.3
/// comprehensive ISMS), what each step still needs, and the level Mamori recommends from the
/// profile and the register.
/// </summary>
public static class LevelOverview
{
    public enum Progress
    {
        NotStarted,
        InProgress,
        Reached,
    }

    /// <summary>One measurable step of a level: <paramref name="Done"/> of <paramref name="Total"/>, complete at <paramref name="Required"/>.</summary>
    public sealed record Step(string Key, int Done, int Total, int Required)
    {
        public Step(string key, int done, int total)
            : this(key, done, total, total)
        {
        }

        public bool Complete => Required > 0 && Done >= Required;
    }

    public sealed record Level(int Number, Progress Progress, IReadOnlyList<Step> Steps);

    public sealed record Overview(IReadOnlyList<Level> Levels, int Current, int Recommended, IReadOnlyList<string> Reasons);

    /// <summary>What the register says, for the recommendation.</summary>
    public sealed record RegisterFacts(int Assets, int HighRisks);

    /// <summary>Above this many employees a company is past the 小規模企業者 size of the SME Basic Act (20 in manufacturing).</summary>
    public const int SmallCompanyEmployees = 20;

    /// <summary>A register this large is hard to keep safe with a handful of quick rules.</summary>
    public const int LargeRegisterAssets = 100;

    public static async Task<Overview> BuildAsync(MamoriDb db, Organization organization, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var documents = await db.PolicyDocuments.AsNoTracking().Select(d => new { d.Kind, d.SourceKey }).ToListAsync(cancellationToken);
        var quickTopics = documents.Where(d => d.Kind == DocumentKind.Standard && d.SourceKey.StartsWith("quick:", StringComparison.Ordinal))
            .Select(d => d.SourceKey).Distinct().Count();
        // The chapters the profile calls for (a company without telework has no telework chapter to adopt).
        var chapters = BaselineCatalog.For(culture).Chapters.Where(c => TailorRules.Applies(c, organization)).Select(c => $"baseline:{c.Id}").ToHashSet();
        var adoptedChapters = documents.Count(d => chapters.Contains(d.SourceKey));
        var diagnosis = await SelfDiagnosisResults.OverviewAsync(db, cancellationToken);
        var assets = await db.Assets.CountAsync(cancellationToken);
        var scenarios = await db.RiskScenarios.AsNoTracking().Select(s => new { s.AssetId, Treated = s.Treatment != null }).ToListAsync(cancellationToken);
        var statement = await StatementOfApplicability.BuildAsync(db, organization, culture, cancellationToken);
        var applicable = statement.Rows.Where(r => !r.IsProposal && r.Applicability == Applicability.Applicable).ToList();
        var highRisks = statement.Rows.SelectMany(r => r.Risks).Where(r => r.Band == RiskBand.High).Select(r => r.Id)
            .Union(statement.Warnings.Where(w => w.Kind == StatementOfApplicability.WarningKind.HighRiskWithoutControl).Select(w => w.RiskId!.Value))
            .Count();

        var levels = new List<Level>
        {
            Make(1,
                new Step("basic-policy", documents.Any(d => d.Kind == DocumentKind.BasicPolicy) ? 1 : 0, 1),
                // One standard against the most pressing threat is what Lv.1 asks; the count of all topics shows what more there is.
                new Step("quick-standards", quickTopics, QuickCatalog.For(culture).Standards.Count, 1)),
            Make(2,
                new Step("self-diagnosis", diagnosis.Latest.Count > 0 ? 1 : 0, 1),
                new Step("baseline-chapters", adoptedChapters, chapters.Count)),
            Make(3,
                // An empty register or statement is not a finished one: each of these needs at least one.
                new Step("assets-assessed", scenarios.Select(s => s.AssetId).Distinct().Count(), assets, Math.Max(1, assets)),
                new Step("risks-treated", scenarios.Count(s => s.Treated), scenarios.Count, Math.Max(1, scenarios.Count)),
                new Step("soa-decided", statement.Decided, statement.Rows.Count),
                new Step("controls-documented", applicable.Count(r => r.Documents.Count > 0), applicable.Count, Math.Max(1, applicable.Count))),
        };
        var current = levels.Where(l => l.Progress == Progress.Reached).Select(l => l.Number).DefaultIfEmpty(0).Max();
        var (recommended, reasons) = Recommend(organization, new RegisterFacts(assets, highRisks), culture);
        return new Overview(levels, current, recommended, reasons);
    }

    /// <summary>
    /// Lv.3 when customers require ISMS certification; Lv.2 when the law, the company's size, a
    /// customer's SCS ★3 requirement or the register asks for more than a few quick rules; Lv.1 otherwise. Each reason is returned.
    /// </summary>
    public static (int Level, IReadOnlyList<string> Reasons) Recommend(Organization organization, RegisterFacts register, CultureInfo culture)
    {
        string T(string name, params object[] args) => string.Format(culture, Messages.ResourceManager.Text(name, culture), args);

        if (organization.CustomersRequireIsmsCertification)
        {
            return (3, [T(nameof(Messages.LevelBecauseIsmsRequired))]);
        }

        var reasons = new List<string>();
        if (organization.HandlesMyNumber)
        {
            reasons.Add(T(nameof(Messages.LevelBecauseMyNumber)));
        }

        if (organization.CustomersRequireScsLevel3)
        {
            reasons.Add(T(nameof(Messages.LevelBecauseScsRequired)));
        }

        if (organization.EmployeeCount > SmallCompanyEmployees)
        {
            reasons.Add(T(nameof(Messages.LevelBecauseEmployees), organization.EmployeeCount.Value, SmallCompanyEmployees));
        }

        if (organization.HandlesPersonalInformation && organization.HasPublicWebsite)
        {
            reasons.Add(T(nameof(Messages.LevelBecausePersonalDataOnline)));
        }

        if (register.HighRisks > 0)
        {
            reasons.Add(T(nameof(Messages.LevelBecauseHighRisks), register.HighRisks));
        }

        if (register.Assets >= LargeRegisterAssets)
        {
            reasons.Add(T(nameof(Messages.LevelBecauseLargeRegister), register.Assets));
        }

        return reasons.Count > 0 ? (2, reasons) : (1, [T(nameof(Messages.LevelBecauseSmall))]);
    }

    private static Level Make(int number, params Step[] steps)
    {
        var progress = steps.All(s => s.Complete) ? Progress.Reached
            : steps.Any(s => s.Done > 0) ? Progress.InProgress
            : Progress.NotStarted;
        return new Level(number, progress, steps);
    }
}
