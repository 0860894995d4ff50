using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Baseline;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Soa;
using Mamori.Domain.Treatments;
using Mamori.Features.Baseline;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Soa;

/// <summary>
/// The Statement of Applicability (適用宣言書): always all 93 Annex A controls. A control the
/// organization has decided shows its decision; an undecided one shows what Mamori proposes from
/// the work already done (Lv.1 standards, Lv.2 chapters, self-diagnosis answers, risk
/// treatments), so the user confirms instead of starting over.
/// </summary>
public static class StatementOfApplicability
{
    public sealed record LinkedRisk(Guid Id, string Statement, string Asset, int? RiskValue, RiskBand? Band, RiskTreatment? Treatment);

    public sealed record LinkedDocument(Guid Id, DocumentKind Kind, string Number, string Title);

    /// <summary>A treatment task that carries the control out (created from a risk scenario's chosen controls, or by hand).</summary>
    public sealed record LinkedTask(Guid Id, string Title, string Owner, DateOnly? DueOn, TreatmentStatus Status);

    public sealed record LinkedEvidence(Guid Id, string FileName, int Size, DateTimeOffset UploadedAt);

    /// <summary>Where a proposal comes from: a document, a diagnosis item or a risk scenario.</summary>
    public sealed record Source(string Kind, string Label);

    public sealed record Row(
        Control Control,
        SoaEntry? Decision,
        Applicability Applicability,
        ImplementationStatus Status,
        bool IsProposal,
        IReadOnlyList<Source> Sources,
        IReadOnlyList<LinkedRisk> Risks,
        IReadOnlyList<LinkedDocument> Documents,
        IReadOnlyList<LinkedTask> Tasks,
        IReadOnlyList<LinkedEvidence> Evidence)
    {
        public string Justification => Decision?.Justification ?? "";

        public string Owner => Decision?.Owner ?? "";

        public string EvidenceNotes => Decision?.EvidenceNotes ?? "";
    }

    public enum WarningKind
    {
        /// <summary>適用 but no standard or procedure implements it.</summary>
        ApplicableWithoutDocument,

        /// <summary>除外 but a risk treatment relies on it.</summary>
        ExcludedButCitedByRisk,

        /// <summary>A high risk with no applicable control.</summary>
        HighRiskWithoutControl,
    }

    public sealed record Warning(WarningKind Kind, string? ControlId, Guid? RiskId, string Subject);

    public sealed record Statement(IReadOnlyList<Row> Rows, IReadOnlyList<Warning> Warnings)
    {
        public int Decided => Rows.Count(r => !r.IsProposal && r.Applicability != Applicability.Undecided);
    }

    public static async Task<Statement> BuildAsync(MamoriDb db, Organization organization, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var catalog = CatalogSet.Default;
        var decisions = await db.SoaEntries.AsNoTracking().ToDictionaryAsync(e => e.ControlId, cancellationToken);
        var evidence = (await db.SoaEvidenceFiles.AsNoTracking()
                .Select(f => new { f.Id, f.ControlId, f.FileName, f.Size, f.UploadedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.ControlId, f => new LinkedEvidence(f.Id, f.FileName, f.Size, f.UploadedAt));
        var documents = await db.PolicyDocuments.AsNoTracking().ToListAsync(cancellationToken);
        var scenarios = await db.RiskScenarios.AsNoTracking().Include(s => s.Asset).ToListAsync(cancellationToken);
        var tasks = (await db.TreatmentTasks.AsNoTracking().Where(t => t.ControlId != null)
                .OrderBy(t => t.DueOn == null).ThenBy(t => t.DueOn).ThenBy(t => t.Title).ToListAsync(cancellationToken))
            .ToLookup(t => t.ControlId!, t => new LinkedTask(t.Id, t.Title, t.Owner, t.DueOn, t.Status));
        var diagnosis = await SelfDiagnosisResults.OverviewAsync(db, cancellationToken);
        var items = BaselineCatalog.For(culture).Items;

        var documentsByControl = documents
            .SelectMany(d => d.ControlIds.Select(c => (c, d)))
            .ToLookup(x => x.c, x => new LinkedDocument(x.d.Id, x.d.Kind, x.d.Number, x.d.Title));
        var risks = scenarios.Select(s => (Scenario: s, Linked: Link(s, organization))).ToList();
        var risksByControl = risks
            .SelectMany(r => r.Scenario.Controls.Select(c => (c.ControlId, r.Linked)))
            .ToLookup(x => x.ControlId, x => x.Linked);
        var answersByControl = diagnosis.Latest.Count == 0
            ? Enumerable.Empty<(string Control, DiagnosisItem Item, DiagnosisAnswer Answer)>().ToLookup(x => x.Control)
            : items.SelectMany(i => i.ControlIds.Select(c => (Control: c, Item: i, Answer: diagnosis.Combined.GetValueOrDefault(i.Number, DiagnosisAnswer.Unknown))))
                .ToLookup(x => x.Control);

        var rows = catalog.Controls.Select(control =>
        {
            var linkedDocuments = documentsByControl[control.Id].DistinctBy(d => d.Id).ToList();
            var linkedRisks = risksByControl[control.Id].DistinctBy(r => r.Id).ToList();
            var answers = answersByControl[control.Id].ToList();
            var sources = new List<Source>();
            sources.AddRange(linkedDocuments.Select(d => new Source("document", $"{d.Number} {d.Title}".Trim())));
            sources.AddRange(answers.Select(a => new Source("diagnosis", $"{a.Item.Number}. {a.Item.Label}")));
            sources.AddRange(linkedRisks.Select(r => new Source("risk", r.Statement)));
            if (decisions.TryGetValue(control.Id, out var decision))
            {
                return new Row(control, decision, decision.Applicability, decision.Status, false, sources, linkedRisks, linkedDocuments, [.. tasks[control.Id]], [.. evidence[control.Id]]);
            }

            if (sources.Count == 0)
            {
                return new Row(control, null, Applicability.Undecided, ImplementationStatus.NotStarted, false, [], [], [], [.. tasks[control.Id]], [.. evidence[control.Id]]);
            }

            return new Row(control, null, Applicability.Applicable, ProposedStatus(answers.Select(a => a.Answer).ToList(), linkedDocuments.Count > 0), true, sources, linkedRisks, linkedDocuments, [.. tasks[control.Id]], [.. evidence[control.Id]]);
        }).ToList();

        return new Statement(rows, Warnings(rows, risks.Select(r => r.Linked).ToList()));
    }

    /// <summary>
    /// A status to propose: the self-diagnosis says how far the practice goes (all done → 実施済,
    /// some → 一部実施); without answers, a written rule means 計画中, a treatment alone 未着手.
    /// </summary>
    public static ImplementationStatus ProposedStatus(IReadOnlyList<DiagnosisAnswer> answers, bool hasDocument)
    {
        if (answers.Count > 0)
        {
            if (answers.All(a => a == DiagnosisAnswer.Done))
            {
                return ImplementationStatus.Implemented;
            }

            if (answers.Any(a => a is DiagnosisAnswer.Done or DiagnosisAnswer.Partly))
            {
                return ImplementationStatus.Partial;
            }
        }

        return hasDocument ? ImplementationStatus.Planned : ImplementationStatus.NotStarted;
    }

    private static LinkedRisk Link(RiskScenario scenario, Organization organization)
    {
        var risk = scenario.Asset is { } asset ? scenario.InherentRisk(asset.Importance) : null;
        return new LinkedRisk(scenario.Id, scenario.RiskStatement, scenario.Asset?.Name ?? "", risk?.Value, risk is { } r ? organization.RiskBands.Classify(r) : null, scenario.Treatment);
    }

    private static List<Warning> Warnings(IReadOnlyList<Row> rows, IReadOnlyList<LinkedRisk> risks)
    {
        var warnings = new List<Warning>();
        foreach (var row in rows.Where(r => !r.IsProposal))
        {
            if (row.Applicability == Applicability.Applicable && row.Documents.Count == 0)
            {
                warnings.Add(new(WarningKind.ApplicableWithoutDocument, row.Control.Id, null, row.Control.Id));
            }

            if (row.Applicability == Applicability.Excluded)
            {
                warnings.AddRange(row.Risks.Where(r => r.Treatment == RiskTreatment.Reduce)
                    .Select(r => new Warning(WarningKind.ExcludedButCitedByRisk, row.Control.Id, r.Id, r.Statement)));
            }
        }

        var covered = rows.Where(r => !r.IsProposal && r.Applicability == Applicability.Applicable).SelectMany(r => r.Risks).Select(r => r.Id).ToHashSet();
        warnings.AddRange(risks.Where(r => r.Band == RiskBand.High && !covered.Contains(r.Id))
            .Select(r => new Warning(WarningKind.HighRiskWithoutControl, null, r.Id, r.Statement)));
        return warnings;
    }
}
