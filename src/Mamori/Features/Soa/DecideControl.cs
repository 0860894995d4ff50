using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Soa;

/// <summary>
/// Records 適用 or 除外 for one control, always with its justification, plus 実施状況, owner and
/// evidence notes. 未決定 removes the decision (the control shows its proposal again).
/// </summary>
public static class DecideControl
{
    public sealed record Request(string ControlId, Applicability Applicability, string? Justification, ImplementationStatus Status, string? Owner, string? EvidenceNotes);

    public static async Task<(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors)> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, Request request, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return (SaveStatus.Forbidden, FieldErrors.None);
        }

        if (CatalogSet.Default.FindControl(request.ControlId) is null)
        {
            return (SaveStatus.NotFound, FieldErrors.None);
        }

        var errors = new FieldErrors();
        if (!Enum.IsDefined(request.Applicability))
        {
            errors.Add(nameof(Request.Applicability), Messages.SoaApplicabilityInvalid);
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors.Add(nameof(Request.Status), Messages.SoaStatusInvalid);
        }

        var required = request.Applicability == Applicability.Excluded ? Messages.SoaExclusionReasonRequired : Messages.SoaInclusionReasonRequired;
        errors.Text(nameof(Request.Justification), request.Justification, SoaEntry.MaxJustificationLength, request.Applicability == Applicability.Undecided ? null : required);
        errors.Text(nameof(Request.Owner), request.Owner, Domain.Assets.InformationAsset.MaxTextLength);
        errors.Text(nameof(Request.EvidenceNotes), request.EvidenceNotes, SoaEntry.MaxJustificationLength);
        if (errors.Count > 0)
        {
            return (SaveStatus.Invalid, errors);
        }

        var entry = await db.SoaEntries.SingleOrDefaultAsync(e => e.ControlId == request.ControlId, cancellationToken);
        if (request.Applicability == Applicability.Undecided)
        {
            if (entry is not null)
            {
                db.SoaEntries.Remove(entry);
                await db.SaveChangesAsync(cancellationToken);
            }

            return (SaveStatus.Saved, FieldErrors.None);
        }

        if (entry is null)
        {
            entry = new SoaEntry(organization.Id, request.ControlId);
            db.SoaEntries.Add(entry);
        }

        entry.Applicability = request.Applicability;
        entry.Justification = request.Justification!.Trim();
        // An excluded control is not implemented; keeping a status would only mislead the reader.
        entry.Status = request.Applicability == Applicability.Excluded ? ImplementationStatus.NotStarted : request.Status;
        entry.Owner = (request.Owner ?? "").Trim();
        entry.EvidenceNotes = (request.EvidenceNotes ?? "").Trim();
        entry.DecidedAt = now.ToUniversalTime();
        entry.DecidedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, FieldErrors.None);
    }

    /// <summary>
    /// Accepts every proposal as 適用 with its proposed status, writing the justification from
    /// what the proposal rests on (the user can edit each afterwards). Returns how many.
    /// </summary>
    public static async Task<int?> ConfirmProposalsAsync(
        MamoriDb db, Membership membership, Organization organization, string actor, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return null;
        }

        var statement = await StatementOfApplicability.BuildAsync(db, organization, culture, cancellationToken);
        var separator = DocumentText.ResourceManager.Text(nameof(DocumentText.SoaListSeparator), culture);
        var count = 0;
        foreach (var row in statement.Rows.Where(r => r.IsProposal))
        {
            string Group(string kind, string label) =>
                row.Sources.Where(s => s.Kind == kind).Select(s => s.Label).ToList() is { Count: > 0 } labels
                    ? string.Format(culture, Messages.ResourceManager.Text(label, culture), string.Join(separator, labels))
                    : "";
            var reason = string.Join(" ", new[] { Group("risk", nameof(Messages.SoaBecauseRisks)), Group("document", nameof(Messages.SoaBecauseDocuments)), Group("diagnosis", nameof(Messages.SoaBecauseDiagnosis)) }.Where(t => t.Length > 0));
            db.SoaEntries.Add(new SoaEntry(organization.Id, row.Control.Id)
            {
                Applicability = Applicability.Applicable,
                Justification = reason.Length > SoaEntry.MaxJustificationLength ? reason[..SoaEntry.MaxJustificationLength] : reason,
                Status = row.Status,
                DecidedAt = now.ToUniversalTime(),
                DecidedBy = actor,
            });
            count++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return count;
    }
}
