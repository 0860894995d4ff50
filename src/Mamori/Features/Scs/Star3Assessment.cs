using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Baseline;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Scs;
using Mamori.Domain.Soa;
using Mamori.Domain.Treatments;
using Mamori.Features.Baseline;
using Mamori.Features.Inventories;
using Mamori.Features.RuleValues;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>
/// The ★3 self-assessment of one fiscal year as the page, the API, the exports and the CLI read
/// it: every criterion of the catalog with the organization's answer, or, while unanswered, what
/// Mamori proposes from the work already done (adopted chapters and standards, the self-diagnosis,
/// the SoA, the registers, yearly checks, last year's answer), each proposal with its grounds.
/// Nothing is answered until someone confirms it.
/// </summary>
public static class Star3Assessment
{
    /// <summary>The ★ level this assessment answers.</summary>
    public const int Level = 3;

    /// <summary>The asset register as an evidence link; the inventories' links are <see cref="Inventory.Link"/>.</summary>
    public const string AssetsRegister = "register:assets";

    /// <summary>What a proposal rests on. <paramref name="Link"/> is evidence the answer keeps ("document:{id}", "register:assets") when confirmed.</summary>
    public sealed record Ground(string Kind, string Label, string? Link);

    public sealed record Evidence(Guid Id, string FileName, int Size, DateTimeOffset UploadedAt, string UploadedBy);

    public sealed record Note(ScsReviewState State, string Text, DateTimeOffset WrittenAt, string WrittenBy);

    public sealed record LinkedTask(Guid Id, string Title, TreatmentStatus Status, DateOnly? DueOn);

    public sealed record Row(
        ScsCriterion Criterion,
        ScsAnswer? Answer,
        ScsAnswerStatus Status,
        bool IsProposal,
        IReadOnlyList<Ground> Grounds,
        IReadOnlyList<Evidence> Files,
        IReadOnlyList<Note> Review,
        LinkedTask? Task)
    {
        public ScsReviewState ReviewState => Review.Count == 0 ? ScsReviewState.None : Review[^1].State;

        /// <summary>Not met yet: an answer other than 実施している / 該当しない, or nothing at all.</summary>
        public bool IsGap => Status is not (ScsAnswerStatus.Met or ScsAnswerStatus.NotApplicable) || IsProposal;

        public string Note => Answer?.Note ?? "";

        public string Reason => Answer?.Reason ?? "";
    }

    public sealed record CategoryProgress(ScsCategory Category, int Criteria, int Met, int Partial, int NotMet, int NotApplicable, int Proposed, int Unanswered)
    {
        public int Answered => Met + Partial + NotMet + NotApplicable;
    }

    /// <param name="Assessment">Null while the year's assessment is not started: the rows then show proposals only.</param>
    /// <param name="Years">The years that have an assessment, newest first.</param>
    /// <param name="Opinion">The expert's overall opinion, oldest first.</param>
    /// <param name="Links">What each evidence link inside Mamori is called ("document:{id}" → "3 パスワード管理").</param>
    public sealed record Sheet(int Year, ScsAssessment? Assessment, IReadOnlyList<Row> Rows, IReadOnlyList<int> Years, IReadOnlyList<Note> Opinion, IReadOnlyDictionary<string, string> Links)
    {
        /// <summary>The evidence links of a row with their names; a link to something since deleted is left out.</summary>
        public IReadOnlyList<(string Link, string Label)> LinksOf(Row row) =>
            (row.Answer?.Links ?? []).Where(Links.ContainsKey).Select(l => (l, Links[l])).ToList();

        public int Answered => Rows.Count(r => r.Answer is { Status: not ScsAnswerStatus.Unanswered });

        public int Proposals => Rows.Count(r => r.IsProposal);

        public int Confirmed => Rows.Count(r => r.ReviewState == ScsReviewState.Confirmed);

        /// <summary>The expert confirmed the assessment as a whole: their latest overall opinion is 確認済.</summary>
        public bool IsConfirmedByExpert => Opinion.Count > 0 && Opinion[^1].State == ScsReviewState.Confirmed;

        public IReadOnlyList<CategoryProgress> Progress => ScsCatalog.Default.Categories
            .Where(c => c.Level <= Level)
            .Select(category =>
            {
                var rows = Rows.Where(r => r.Criterion.CategoryId == category.Id).ToList();
                int Count(ScsAnswerStatus status) => rows.Count(r => !r.IsProposal && r.Status == status);
                return new CategoryProgress(category, rows.Count, Count(ScsAnswerStatus.Met), Count(ScsAnswerStatus.Partial), Count(ScsAnswerStatus.NotMet),
                    Count(ScsAnswerStatus.NotApplicable), rows.Count(r => r.IsProposal), rows.Count(r => !r.IsProposal && r.Status == ScsAnswerStatus.Unanswered));
            }).ToList();
    }

    /// <summary>The year an assessment started today belongs to.</summary>
    public static int CurrentYear(DateOnly today) => ScsAssessment.FiscalYearOf(today);

    public static async Task<Sheet> BuildAsync(MamoriDb db, Organization organization, int year, DateOnly today, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var criteria = ScsCatalog.Default.CriteriaOf(Level);
        var assessments = await db.ScsAssessments.AsNoTracking().OrderByDescending(a => a.Year).ToListAsync(cancellationToken);
        var assessment = assessments.SingleOrDefault(a => a.Year == year);
        var previous = assessments.FirstOrDefault(a => a.Year < year);
        var ids = new[] { assessment?.Id, previous?.Id }.Where(i => i is not null).Select(i => i!.Value).ToList();
        var answers = await db.ScsAnswers.AsNoTracking().Where(a => ids.Contains(a.AssessmentId)).ToListAsync(cancellationToken);
        var current = answers.Where(a => a.AssessmentId == assessment?.Id).ToDictionary(a => a.CriterionId, StringComparer.Ordinal);
        var earlier = answers.Where(a => a.AssessmentId == previous?.Id).ToDictionary(a => a.CriterionId, StringComparer.Ordinal);
        var files = assessment is null ? [] : await db.ScsEvidenceFiles.AsNoTracking().Where(f => f.AssessmentId == assessment.Id)
            .Select(f => new { f.CriterionId, f.Id, f.FileName, f.Size, f.UploadedAt, f.UploadedBy }).ToListAsync(cancellationToken);
        var filesBy = files.ToLookup(f => f.CriterionId, f => new Evidence(f.Id, f.FileName, f.Size, f.UploadedAt, f.UploadedBy));
        // Ordered here: SQLite cannot order by a DateTimeOffset.
        var notes = assessment is null ? [] : (await db.ScsReviewNotes.AsNoTracking().Where(n => n.AssessmentId == assessment.Id).ToListAsync(cancellationToken))
            .OrderBy(n => n.WrittenAt).ThenBy(n => n.Id).ToList();
        var notesBy = notes.ToLookup(n => n.CriterionId, n => new Note(n.State, n.Text, n.WrittenAt, n.WrittenBy));
        var taskIds = current.Values.Where(a => a.TaskId is not null).Select(a => a.TaskId!.Value).ToList();
        var tasks = await db.TreatmentTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new LinkedTask(t.Id, t.Title, t.Status, t.DueOn), cancellationToken);
        var proposer = await Proposer.LoadAsync(db, organization, today, culture, cancellationToken);

        var rows = criteria.Select(criterion =>
        {
            var answer = current.GetValueOrDefault(criterion.Id);
            var grounds = proposer.GroundsFor(criterion, earlier.GetValueOrDefault(criterion.Id), culture);
            var task = answer?.TaskId is { } taskId ? tasks.GetValueOrDefault(taskId) : null;
            var review = notesBy[criterion.Id].ToList();
            if (answer is { Status: not ScsAnswerStatus.Unanswered })
            {
                return new Row(criterion, answer, answer.Status, false, grounds.Grounds, [.. filesBy[criterion.Id]], review, task);
            }

            return grounds.Status is { } proposed
                ? new Row(criterion, answer, proposed, true, grounds.Grounds, [.. filesBy[criterion.Id]], review, task)
                : new Row(criterion, answer, ScsAnswerStatus.Unanswered, false, grounds.Grounds, [.. filesBy[criterion.Id]], review, task);
        }).ToList();

        return new Sheet(year, assessment, rows, [.. assessments.Select(a => a.Year)], [.. notesBy[""]], proposer.Links(culture));
    }

    /// <summary>The grounds of a proposal as one line, kept as the answer's source when it is confirmed.</summary>
    public static string SourceOf(IReadOnlyList<Ground> grounds, CultureInfo culture)
    {
        var text = string.Join(ScsWords.ResourceManager.Text(nameof(ScsWords.ListSeparator), culture), grounds.Select(g => g.Label));
        return text.Length > ScsAnswer.MaxTextLength ? text[..ScsAnswer.MaxTextLength] : text;
    }

    /// <summary>What the organization has done, read once for all criteria.</summary>
    private sealed class Proposer
    {
        private readonly Dictionary<string, PolicyDocument> _documents = new(StringComparer.Ordinal);
        private readonly List<PolicyDocument> _all = [];
        private PolicyDocument? _basicPolicy;
        private int _roles;
        private int _assets;
        private IReadOnlyDictionary<Domain.Inventories.InventoryKind, ListInventory.Count> _inventories = new Dictionary<Domain.Inventories.InventoryKind, ListInventory.Count>();
        private IReadOnlyDictionary<int, DiagnosisAnswer> _diagnosis = new Dictionary<int, DiagnosisAnswer>();
        private IReadOnlyList<DiagnosisItem> _items = [];
        private Dictionary<string, SoaEntry> _soa = new(StringComparer.Ordinal);
        private Dictionary<string, DateTimeOffset> _checks = new(StringComparer.Ordinal);
        private Dictionary<string, ListRuleValues.Row> _rules = new(StringComparer.Ordinal);
        private DateOnly _today;
        private Organization _organization = null!;

        public static async Task<Proposer> LoadAsync(MamoriDb db, Organization organization, DateOnly today, CultureInfo culture, CancellationToken cancellationToken)
        {
            var proposer = new Proposer { _today = today, _organization = organization };
            proposer._all.AddRange(await db.PolicyDocuments.AsNoTracking().ToListAsync(cancellationToken));
            foreach (var document in proposer._all)
            {
                if (document.SourceKey.Length > 0)
                {
                    proposer._documents.TryAdd(document.SourceKey, document);
                }

                if (document.Kind == DocumentKind.BasicPolicy)
                {
                    proposer._basicPolicy ??= document;
                }
            }

            proposer._roles = await db.PolicyRoles.CountAsync(cancellationToken);
            proposer._assets = await db.Assets.CountAsync(cancellationToken);
            proposer._inventories = await ListInventory.CountsAsync(db, cancellationToken);
            var diagnosis = await SelfDiagnosisResults.OverviewAsync(db, cancellationToken);
            proposer._diagnosis = diagnosis.Latest.Count == 0 ? new Dictionary<int, DiagnosisAnswer>() : diagnosis.Combined;
            proposer._items = BaselineCatalog.For(culture).Items;
            proposer._soa = await db.SoaEntries.AsNoTracking().ToDictionaryAsync(e => e.ControlId, StringComparer.Ordinal, cancellationToken);
            proposer._checks = (await db.ScsYearlyChecks.AsNoTracking().Where(c => c.CompletedAt != null).ToListAsync(cancellationToken))
                .GroupBy(c => c.CriterionId).ToDictionary(g => g.Key, g => g.Max(c => c.CompletedAt!.Value), StringComparer.Ordinal);
            proposer._rules = ListRuleValues.Rows(organization, culture).ToDictionary(r => r.Value.Key, StringComparer.Ordinal);
            return proposer;
        }

        public IReadOnlyDictionary<string, string> Links(CultureInfo culture)
        {
            var links = _all.ToDictionary(d => $"document:{d.Id}", d => $"{d.Number} {d.Title}".Trim(), StringComparer.Ordinal);
            links[AssetsRegister] = ScsWords.ResourceManager.Text(nameof(ScsWords.AssetsRegister), culture);
            foreach (var kind in Inventory.Kinds)
            {
                links[Inventory.Link(kind)] = Inventory.Title(kind, culture);
            }
            return links;
        }

        public (ScsAnswerStatus? Status, IReadOnlyList<Ground> Grounds) GroundsFor(ScsCriterion criterion, ScsAnswer? lastYear, CultureInfo culture)
        {
            string Text(string name, params object[] values) => string.Format(culture, ScsWords.ResourceManager.Text(name, culture), values);
            var grounds = new List<Ground>();
            var written = false;
            foreach (var measure in criterion.Measures)
            {
                if (DocumentOf(measure) is { } document)
                {
                    grounds.Add(new Ground("document", Text(nameof(ScsWords.GroundDocument), $"{document.Number} {document.Title}".Trim()), $"document:{document.Id}"));
                    written = true;
                }
                else if (measure == "template:roles" && _roles > 0)
                {
                    grounds.Add(new Ground("roles", Text(nameof(ScsWords.GroundRoles), _roles), null));
                    written = true;
                }
            }

            foreach (var key in criterion.RuleValues)
            {
                if (_rules.GetValueOrDefault(key) is { } rule)
                {
                    grounds.Add(new Ground("rule", Text(nameof(ScsWords.GroundRuleValue), rule.Value.Label, rule.Shown), null));
                }
            }

            var answers = criterion.SelfDiagnosis.Where(_diagnosis.ContainsKey).Select(n => (Number: n, Answer: _diagnosis[n])).ToList();
            foreach (var (number, answer) in answers)
            {
                var label = _items.FirstOrDefault(i => i.Number == number)?.Label ?? "";
                grounds.Add(new Ground("diagnosis", Text(nameof(ScsWords.GroundDiagnosis), number, label, Text(AnswerWord(answer))), null));
            }

            var controls = criterion.AnnexA.Select(c => _soa.GetValueOrDefault(c)).Where(e => e is { Applicability: Applicability.Applicable }).Select(e => e!).ToList();
            grounds.AddRange(controls.Select(e => new Ground("soa", Text(nameof(ScsWords.GroundSoa), e.ControlId, Text(StatusWord(e.Status))), null)));
            var register = criterion.Register == ScsRegister.Assets && _assets > 0;
            if (register)
            {
                grounds.Add(new Ground("register", Text(nameof(ScsWords.GroundAssets), _assets), AssetsRegister));
            }

            // An inventory with entries is the way to know; one whose entries lack what the criterion needs is only 一部.
            var inventory = criterion.Register is { } kept && Inventory.Of(kept) is { } kind && _inventories[kind] is { Entries: > 0 } count ? count : null;
            if (inventory is not null)
            {
                var title = Inventory.Title(inventory.Kind, culture);
                grounds.Add(new Ground("register", inventory.Lacking == 0
                    ? Text(nameof(ScsWords.GroundInventory), title, inventory.Entries)
                    : Text(nameof(ScsWords.GroundInventoryLacking), title, inventory.Entries, inventory.Lacking, Inventory.Gap(inventory.Kind, culture)!), Inventory.Link(inventory.Kind)));
            }

            var checkedOn = _checks.GetValueOrDefault(criterion.Id);
            var checkedRecently = criterion.Yearly && checkedOn != default && checkedOn.LocalDate(_organization) > _today.AddYears(-1);
            if (checkedRecently)
            {
                grounds.Add(new Ground("check", Text(nameof(ScsWords.GroundCheck), checkedOn.LocalDate(_organization).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null));
            }

            ScsAnswerStatus? status = null;
            if (answers.Count > 0)
            {
                // The self-diagnosis says how far the practice goes, whatever is written down.
                status = answers.All(a => a.Answer == DiagnosisAnswer.Done) ? ScsAnswerStatus.Met
                    : answers.Any(a => a.Answer is DiagnosisAnswer.Done or DiagnosisAnswer.Partly) ? ScsAnswerStatus.Partial
                    : ScsAnswerStatus.NotMet;
            }
            else if (inventory is { Lacking: > 0 })
            {
                status = ScsAnswerStatus.Partial;
            }
            else if (written || register || inventory is not null || checkedRecently || controls.Any(e => e.Status == ImplementationStatus.Implemented))
            {
                status = ScsAnswerStatus.Met;
            }
            else if (controls.Any(e => e.Status == ImplementationStatus.Partial))
            {
                status = ScsAnswerStatus.Partial;
            }
            else if (lastYear is { Status: not ScsAnswerStatus.Unanswered })
            {
                grounds.Add(new Ground("previous", Text(nameof(ScsWords.GroundLastYear), Text(Star3Words.StatusName(lastYear.Status))), null));
                status = lastYear.Status;
            }

            return (status, grounds);
        }

        private PolicyDocument? DocumentOf(string measure) => measure.Split(':', 2) switch
        {
            ["baseline", var id] => _documents.GetValueOrDefault($"baseline:{id}"),
            ["standard", var id] => _documents.GetValueOrDefault($"soa:{id}"),
            ["quick", var id] => _documents.GetValueOrDefault($"quick:{id}"),
            ["form", var id] => _documents.GetValueOrDefault($"form:{id}"),
            ["template", "basic-policy"] => _basicPolicy,
            _ => null,
        };

        private static string AnswerWord(DiagnosisAnswer answer) => answer switch
        {
            DiagnosisAnswer.Done => nameof(ScsWords.DiagnosisDone),
            DiagnosisAnswer.Partly => nameof(ScsWords.DiagnosisPartly),
            DiagnosisAnswer.NotDone => nameof(ScsWords.DiagnosisNotDone),
            _ => nameof(ScsWords.DiagnosisUnknown),
        };

        private static string StatusWord(ImplementationStatus status) => status switch
        {
            ImplementationStatus.Implemented => nameof(ScsWords.SoaImplemented),
            ImplementationStatus.Partial => nameof(ScsWords.SoaPartial),
            ImplementationStatus.Planned => nameof(ScsWords.SoaPlanned),
            _ => nameof(ScsWords.SoaNotStarted),
        };
    }
}
