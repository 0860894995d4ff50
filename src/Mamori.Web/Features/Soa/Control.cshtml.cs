using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Catalog;
using Mamori.Domain.Soa;
using Mamori.Features;
using Mamori.Features.Baseline;
using Mamori.Features.Soa;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Soa;

/// <summary>One control of the SoA: the decision with its reason, status, owner, evidence, and what links to it.</summary>
public sealed class ControlModel : OrganizationPage
{
    public sealed class InputModel
    {
        public Applicability Applicability { get; set; }

        public string? Justification { get; set; }

        public ImplementationStatus Status { get; set; }

        public string? Owner { get; set; }

        public string? EvidenceNotes { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Control Control { get; private set; } = null!;

    public StatementOfApplicability.Row Row { get; private set; } = null!;

    /// <summary>The per-control standard template with the organization's values filled in.</summary>
    public string Template { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string control, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (!await LoadAsync(control, cancellationToken))
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Applicability = Row.Applicability,
            Justification = Row.IsProposal ? ProposedReason() : Row.Justification,
            Status = Row.Status,
            Owner = Row.Owner,
            EvidenceNotes = Row.EvidenceNotes,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string control, CancellationToken cancellationToken)
    {
        var (status, errors) = await DecideControl.HandleAsync(Db, Membership, Organization,
            new(control, Input.Applicability, Input.Justification, Input.Status, Input.Owner, Input.EvidenceNotes),
            User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        if (status == SaveStatus.Invalid)
        {
            ModelState.Clear();
            foreach (var (field, messages) in errors)
            {
                messages.ForEach(m => ModelState.AddModelError($"{nameof(Input)}.{field}", m));
            }

            await LoadAsync(control, cancellationToken);
            return Page();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, SoaText.Saved, control));
        return Redirect($"{Base}/soa/{control}");
    }

    public async Task<IActionResult> OnPostUploadAsync(string control, IFormFile? file, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        if (file is null)
        {
            Flash(Mamori.Resources.Messages.EvidenceEmpty);
            return Redirect($"{Base}/soa/{control}");
        }

        if (file.Length > SoaEvidenceFile.MaxBytes)
        {
            Flash(string.Format(CultureInfo.CurrentCulture, Mamori.Resources.Messages.EvidenceTooLarge, file.FileName, SoaEvidenceFile.MaxBytes / 1024 / 1024));
            return Redirect($"{Base}/soa/{control}");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var (saved, problem) = await AttachEvidence.HandleAsync(Db, Membership, Organization, control, file.FileName, buffer.ToArray(), User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken);
        if (saved is null && problem is null)
        {
            return NotFound();
        }

        Flash(problem ?? string.Format(CultureInfo.CurrentCulture, SoaText.Uploaded, saved!.FileName));
        return Redirect($"{Base}/soa/{control}");
    }

    public async Task<IActionResult> OnGetEvidenceAsync(string control, Guid fileId, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var file = await Db.SoaEvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.ControlId == control, cancellationToken);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string control, Guid fileId, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var file = await Db.SoaEvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ControlId == control, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        Db.SoaEvidenceFiles.Remove(file);
        await Db.SaveChangesAsync(cancellationToken);
        Flash(string.Format(CultureInfo.CurrentCulture, SoaText.Removed, file.FileName));
        return Redirect($"{Base}/soa/{control}");
    }

    private async Task<bool> LoadAsync(string control, CancellationToken cancellationToken)
    {
        if (CatalogSet.Default.FindControl(control) is not { } found)
        {
            return false;
        }

        Control = found;
        var statement = await StatementOfApplicability.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        Row = statement.Rows.Single(r => r.Control.Id == control);
        var roles = await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var body = ControlStandardCatalog.For(CultureInfo.CurrentUICulture).BodyFor(control) ?? "";
        Template = TailorRules.Fill(body, Organization, roles, CultureInfo.CurrentUICulture).Text;
        return true;
    }

    private string ProposedReason() =>
        string.Join(SoaText.SourceSeparator, Row.Sources.Select(s => s.Label));
}
