using System.Globalization;
using Mamori.Domain.Soa;
using Mamori.Resources;

namespace Mamori.Features.Soa;

/// <summary>The SoA's words in one language (exports and the CLI share them).</summary>
public sealed class SoaWords(CultureInfo culture)
{
    public CultureInfo Culture { get; } = culture;

    public string this[string name] => DocumentText.ResourceManager.Text(name, Culture);

    public string Of(Applicability applicability) => this[applicability switch
    {
        Applicability.Applicable => nameof(DocumentText.SoaApplicable),
        Applicability.Excluded => nameof(DocumentText.SoaExcluded),
        _ => nameof(DocumentText.SoaUndecided),
    }];

    public string Of(ImplementationStatus status) => this[status switch
    {
        ImplementationStatus.Planned => nameof(DocumentText.SoaPlanned),
        ImplementationStatus.Partial => nameof(DocumentText.SoaPartial),
        ImplementationStatus.Implemented => nameof(DocumentText.SoaImplemented),
        _ => nameof(DocumentText.SoaNotStarted),
    }];

    /// <summary>The columns of every SoA export, in order.</summary>
    public IReadOnlyList<string> Columns =>
    [
        this[nameof(DocumentText.SoaColumnControl)], this[nameof(DocumentText.SoaColumnTitle)], this[nameof(DocumentText.SoaColumnTheme)],
        this[nameof(DocumentText.SoaColumnApplicability)], this[nameof(DocumentText.SoaColumnJustification)], this[nameof(DocumentText.SoaColumnStatus)],
        this[nameof(DocumentText.SoaColumnOwner)], this[nameof(DocumentText.SoaColumnRisks)], this[nameof(DocumentText.SoaColumnDocuments)],
        this[nameof(DocumentText.SoaColumnEvidence)], this[nameof(DocumentText.SoaColumnProposal)],
    ];

    /// <summary>One row's cells, as text, in the order of <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> Cells(StatementOfApplicability.Row row, string themeTitle)
    {
        var separator = this[nameof(DocumentText.SoaListSeparator)];
        var evidence = string.Join(separator, new[] { row.EvidenceNotes }.Where(n => n.Length > 0).Concat(row.Evidence.Select(e => e.FileName)));
        return
        [
            row.Control.Id,
            row.Control.Title(Culture),
            themeTitle,
            Of(row.Applicability),
            row.Justification,
            row.Applicability == Applicability.Applicable ? Of(row.Status) : "",
            row.Owner,
            string.Join(separator, row.Risks.Select(r => r.Statement)),
            string.Join(separator, row.Documents.Select(d => $"{d.Number} {d.Title}".Trim())),
            evidence,
            row.IsProposal ? this[nameof(DocumentText.SoaProposed)] : row.Decision is null ? "" : this[nameof(DocumentText.SoaConfirmed)],
        ];
    }
}
