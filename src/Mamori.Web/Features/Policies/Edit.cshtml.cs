using System.Globalization;
using Mamori.Domain.Policies;
using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>
/// Edit a document: its description, its text in Markdown with a preview in which the
/// placeholders are filled, the buttons that move the latest version through review, approval
/// and publication, and the 改訂履歴 with comparison of any two versions.
/// </summary>
public sealed class EditModel : OrganizationPage
{
    [BindProperty]
    public SaveDocument.Request Input { get; set; } = new();

    [FromRoute(Name = "id")]
    public string RouteId { get; set; } = "";

    public bool IsNew => RouteId == "new";

    public Guid DocumentId => Guid.TryParse(RouteId, out var id) ? id : Guid.Empty;

    public IReadOnlyList<DocumentVersion> Versions { get; private set; } = [];

    public DocumentVersion? Latest => Versions.Count > 0 ? Versions[^1] : null;

    public DocumentStatus.Item? Status { get; private set; }

    public IReadOnlyList<PolicyDocument> Standards { get; private set; } = [];

    public IHtmlContent PreviewHtml { get; private set; } = HtmlString.Empty;

    public string? PreviewWarning { get; private set; }

    public async Task<IActionResult> OnGetAsync(DocumentKind? kind, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (IsNew)
        {
            if (Require(Membership.CanEditDocuments) is { } cannot)
            {
                return cannot;
            }

            Input = new SaveDocument.Request
            {
                Kind = kind is DocumentKind.Procedure ? DocumentKind.Procedure : DocumentKind.Standard,
                Audiences = kind is DocumentKind.Procedure ? [Audiences.AllEmployees] : [],
                Body = "",
            };
            await LoadAsync(null, cancellationToken);
            return Page();
        }

        var document = await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == DocumentId, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        await LoadAsync(document, cancellationToken);
        Input = new SaveDocument.Request
        {
            Kind = document.Kind,
            Number = document.Number,
            Title = document.Title,
            Scope = document.Scope,
            StandardId = document.StandardId,
            Audiences = [.. document.Audiences],
            ControlIds = [.. document.ControlIds],
            ReviewIntervalMonths = document.ReviewIntervalMonths,
            Body = Latest?.Body ?? "",
            Summary = Latest is { IsEditable: true } ? Latest.Summary : "",
            Version = document.Version,
        };
        await PreviewAsync(document, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await SaveDocument.HandleAsync(Db, Membership, IsNew ? null : DocumentId, Input with { Body = Input.Body ?? "" }, User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(result.Draft is null ? CommonText.Saved : PolicyText.Saved);
            return Redirect($"{Base}/policy/{result.Document!.Id}");
        }

        ShowProblems(result.Status, result.Errors, nameof(Input));
        var document = IsNew ? null : await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == DocumentId, cancellationToken);
        await LoadAsync(document, cancellationToken);
        return Page();
    }

    /// <summary>Shows the text as it will read, placeholders filled, without saving (the no-JavaScript preview).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        // Rendering posted text is for those who write documents; readers see the stored versions.
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var document = IsNew ? null : await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == DocumentId, cancellationToken);
        await LoadAsync(document, cancellationToken);
        await PreviewAsync(document, cancellationToken);
        return Page();
    }

    /// <summary>Only the preview's HTML (sanitized), for the live preview while typing.</summary>
    public async Task<IActionResult> OnPostPreviewFragmentAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var document = IsNew ? null : await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == DocumentId, cancellationToken);
        await LoadAsync(document, cancellationToken);
        await PreviewAsync(document, cancellationToken);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        if (PreviewWarning is { } warning)
        {
            writer.Write($"<div class=\"alert alert-warning small\" role=\"status\">{System.Net.WebUtility.HtmlEncode(warning)}</div>");
        }

        PreviewHtml.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return Content(writer.ToString(), "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostStepAsync(DocumentLifecycle.Step step, Guid versionId, CancellationToken cancellationToken)
    {
        var outcome = await DocumentLifecycle.HandleAsync(Db, Membership, Organization, versionId, step, User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken);
        switch (outcome)
        {
            case DocumentLifecycle.Outcome.Forbidden:
                return Forbid();
            case DocumentLifecycle.Outcome.NotFound:
                return NotFound();
            case DocumentLifecycle.Outcome.NotAllowedNow:
                Flash(PolicyText.NotAllowedNow);
                break;
            default:
                Flash(step switch
                {
                    DocumentLifecycle.Step.Submit => PolicyText.Submitted,
                    DocumentLifecycle.Step.Return => PolicyText.Returned,
                    DocumentLifecycle.Step.Approve => PolicyText.Approved,
                    _ => PolicyText.Published,
                });
                break;
        }

        return Redirect($"{Base}/policy/{DocumentId}");
    }

    private async Task LoadAsync(PolicyDocument? document, CancellationToken cancellationToken)
    {
        Standards = await Db.PolicyDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.Standard).OrderBy(d => d.Number).ToListAsync(cancellationToken);
        if (document is null)
        {
            return;
        }

        Versions = await Db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == document.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        Status = (await DocumentStatus.ListAsync(Db, Today, cancellationToken)).SingleOrDefault(i => i.Document.Id == document.Id);
    }

    private async Task PreviewAsync(PolicyDocument? document, CancellationToken cancellationToken)
    {
        var roles = await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var shown = document ?? new PolicyDocument(Organization.Id, Input.Kind, Input.Number ?? "", string.IsNullOrWhiteSpace(Input.Title) ? "-" : Input.Title);
        var version = new DocumentVersion(Organization.Id, shown.Id, (Latest?.Number ?? 0) + 1, Input.Body ?? "", User.Identity?.Name ?? "", Time.GetUtcNow());
        var filled = RenderPolicy.Fill(Input.Body ?? "", Organization, roles, shown, version, Today, CultureInfo.CurrentUICulture);
        PreviewWarning = filled.OverLimit ? filled.Error
            : filled.Error is { } error ? string.Format(CultureInfo.CurrentCulture, PolicyText.TemplateError, error)
            : filled.Unknown.Count > 0 ? string.Format(CultureInfo.CurrentCulture, PolicyText.UnknownPlaceholders, string.Join(", ", filled.Unknown))
            : null;
        PreviewHtml = SafeHtml.FromMarkdown(filled.Text);
    }
}
