using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Scs;
using Mamori.Features.Levels;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.GettingStarted;

/// <summary>
/// はじめての情報セキュリティ: the six steps that lead a company from nothing to a policy set it can
/// publish and to the proofs its customers ask for — the profile, SECURITY ACTION ★1 and ★2, Lv.1,
/// Lv.2, and Lv.3 / SCS ★3 / ISMS when the profile calls for them — each computed from what the
/// organization has actually done, and the next actions that follow from them. The path page and
/// the dashboard's 次にやること both read this; the level recommendation is LevelOverview's.
/// </summary>
public static class PathProgress
{
    public enum State
    {
        NotStarted,
        InProgress,
        Done,
    }

    public enum StepKey
    {
        Profile,
        SecurityActionOneStar,
        SecurityActionTwoStars,
        Level1,
        Level2,
        Advanced,
    }

    /// <summary>What a step asks for, one line of its checklist; each is also an action the pages offer.</summary>
    public enum ItemKey
    {
        AnswerProfile,
        AdoptFiveRules,
        PublishFiveRules,
        MakeFiveRulesKnown,
        AnswerDiagnosis,
        PublishBasicPolicy,
        PublishBasicPolicyOnWeb,
        RecordDeclaration,
        AdoptTopThreatStandards,
        TailorBaselineChapters,
        ReachLevel3,
        PrepareScs,
    }

    /// <param name="Done">How many of <paramref name="Total"/> are done (1 of 1 for a yes/no item).</param>
    public sealed record Item(ItemKey Key, int Done, int Total)
    {
        public bool Complete => Done >= Total;
    }

    /// <param name="Required">Whether the profile calls for the step; an optional step never holds the set back.</param>
    public sealed record Step(StepKey Key, bool Required, IReadOnlyList<Item> Items)
    {
        public State State => Items.All(i => i.Complete) ? State.Done
            : Items.Any(i => i.Done > 0) ? State.InProgress
            : State.NotStarted;
    }

    /// <param name="TopThreats">The top-10 topics Lv.1 asks standards for, most pressing first.</param>
    /// <param name="BasicPolicyId">The 基本方針, once the policy set has one.</param>
    /// <param name="FiveRulesId">The 5か条, once adopted.</param>
    public sealed record Progress(
        IReadOnlyList<Step> Steps,
        LevelOverview.Overview Levels,
        IReadOnlyList<string> TopThreats,
        Guid? BasicPolicyId,
        Guid? FiveRulesId)
    {
        /// <summary>Every step the profile calls for is done.</summary>
        public bool Complete => Steps.Where(s => s.Required).All(s => s.State == State.Done);

        /// <summary>The step to work on now: the first required one not done, or null when the set is complete.</summary>
        public Step? Current => Steps.FirstOrDefault(s => s.Required && s.State != State.Done);

        /// <summary>
        /// Up to <paramref name="count"/> actions, in the path's order: the first open item of each
        /// required step not done (within a step, a later item rests on the earlier ones).
        /// </summary>
        public IReadOnlyList<Item> NextActions(int count = 3) =>
            Steps.Where(s => s.Required && s.State != State.Done)
                .Select(s => s.Items.First(i => !i.Complete))
                .Take(count)
                .ToList();

        /// <summary>Whether so little is done that the dashboard should lead to the path first.</summary>
        public bool JustStarted => Steps.Take(3).Count(s => s.State == State.Done) < 2;
    }

    /// <summary>How many of the organization's most pressing top-10 threats Lv.1 asks a standard for.</summary>
    public const int TopThreatCount = 3;

    public static async Task<Progress> BuildAsync(MamoriDb db, Organization organization, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var levels = await LevelOverview.BuildAsync(db, organization, culture, cancellationToken);
        var documents = await db.PolicyDocuments.AsNoTracking()
            .Where(d => d.Kind == DocumentKind.BasicPolicy || d.SourceKey == AddForms.SourceKeyOf(FormCatalog.FiveRulesId) || d.SourceKey.StartsWith(TopThreatsChange.SourcePrefix))
            .Select(d => new { d.Id, d.Kind, d.SourceKey })
            .ToListAsync(cancellationToken);
        var ids = documents.Select(d => d.Id).ToList();
        var published = (await db.DocumentVersions.AsNoTracking()
                .Where(v => ids.Contains(v.DocumentId) && v.Status == VersionStatus.Published)
                .Select(v => v.DocumentId)
                .ToListAsync(cancellationToken))
            .ToHashSet();

        var basicPolicy = documents.FirstOrDefault(d => d.Kind == DocumentKind.BasicPolicy)?.Id;
        var fiveRules = documents.FirstOrDefault(d => d.SourceKey == AddForms.SourceKeyOf(FormCatalog.FiveRulesId))?.Id;
        var readers = fiveRules is { } rules && published.Contains(rules) ? await Acknowledgements.ReadersAsync(db, rules, cancellationToken) : [];

        // The threats the Lv.1 page proposes first: those that apply to the company, most pressing first.
        var topThreats = (await RankThreats.HandleAsync(db, organization, null, culture, cancellationToken))
            .Where(r => r.Applies)
            .Take(TopThreatCount)
            .Select(r => r.Topic.Id)
            .ToList();
        // A standard counts once it is published: a draft is not yet a rule anyone follows.
        var standards = documents.Where(d => d.Kind == DocumentKind.Standard && published.Contains(d.Id)).Select(d => d.SourceKey).ToHashSet(StringComparer.Ordinal);

        var diagnosis = StepOf(levels, 2, "self-diagnosis");
        var chapters = StepOf(levels, 2, "baseline-chapters");
        var level3Reached = levels.Levels.Single(l => l.Number == 3).Progress == LevelOverview.Progress.Reached;
        var needsIsms = organization.CustomersRequireIsmsCertification || levels.Recommended >= 3;

        var advanced = new List<Item>();
        if (needsIsms || !organization.CustomersRequireScsLevel3)
        {
            advanced.Add(new Item(ItemKey.ReachLevel3, level3Reached ? 1 : 0, 1));
        }

        if (organization.CustomersRequireScsLevel3)
        {
            // The ★3 self-assessment of the newest year: each of the criteria answered (proposals confirmed or answers given).
            var criteria = Catalogs.ScsCatalog.Default.CriteriaOf(3).Count;
            var answered = await db.ScsAssessments.AsNoTracking()
                .OrderByDescending(a => a.Year)
                .Select(a => db.ScsAnswers.Count(x => x.AssessmentId == a.Id && x.Status != ScsAnswerStatus.Unanswered))
                .FirstOrDefaultAsync(cancellationToken);
            advanced.Add(new Item(ItemKey.PrepareScs, answered, criteria));
        }

        var steps = new List<Step>
        {
            // The representative too: the 基本方針 closes with that name, so ★2 cannot publish it filled without it.
            new(StepKey.Profile, true, [Yes(ItemKey.AnswerProfile, organization.Industry.Length > 0 && organization.EmployeeCount is not null && organization.Representative.Length > 0)]),
            new(StepKey.SecurityActionOneStar, true,
            [
                Yes(ItemKey.AdoptFiveRules, fiveRules is not null),
                Yes(ItemKey.PublishFiveRules, fiveRules is { } f && published.Contains(f)),
                // Made known: everyone the rules apply to has read them (and said so on their procedures page).
                new(ItemKey.MakeFiveRulesKnown, readers.Count(r => r.AcknowledgedAt is not null), Math.Max(1, readers.Count)),
            ]),
            new(StepKey.SecurityActionTwoStars, true,
            [
                new(ItemKey.AnswerDiagnosis, diagnosis.Done, diagnosis.Total),
                Yes(ItemKey.PublishBasicPolicy, basicPolicy is { } b && published.Contains(b)),
                Yes(ItemKey.PublishBasicPolicyOnWeb, organization.PublicPolicyToken is not null && basicPolicy is { } p && published.Contains(p)),
                Yes(ItemKey.RecordDeclaration, organization.SecurityActionDeclaredOn is not null && !string.IsNullOrEmpty(organization.SecurityActionId)),
            ]),
            new(StepKey.Level1, true,
                [new(ItemKey.AdoptTopThreatStandards, topThreats.Count(t => standards.Contains(TopThreatsChange.SourcePrefix + t)), Math.Max(1, topThreats.Count))]),
            new(StepKey.Level2, levels.Recommended >= 2, [new(ItemKey.TailorBaselineChapters, chapters.Done, chapters.Total)]),
            new(StepKey.Advanced, needsIsms || organization.CustomersRequireScsLevel3, advanced),
        };
        return new Progress(steps, levels, topThreats, basicPolicy, fiveRules);
    }

    private static Item Yes(ItemKey key, bool done) => new(key, done ? 1 : 0, 1);

    private static LevelOverview.Step StepOf(LevelOverview.Overview overview, int level, string key) =>
        overview.Levels.Single(l => l.Number == level).Steps.Single(s => s.Key == key);
}
