using System.Globalization;
using Mamori.Catalogs;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Catalog;
using Mamori.Domain.Soa;
using Mamori.Features.Soa;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Soa;

/// <summary>The Statement of Applicability: all 93 controls, filters, coverage, warnings, confirm proposals, export.</summary>
public sealed class IndexModel : OrganizationPage
{
    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Decision { get; set; }

    /// <summary>"kind:value", as in the catalog browser.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Attribute { get; set; }

    public StatementOfApplicability.Statement Statement { get; private set; } = new([], []);

    public IReadOnlyList<StatementOfApplicability.Row> Shown { get; private set; } = [];

    public IReadOnlyList<(string Kind, string Title)> Kinds => AttributeFilter.Kinds;

    public IEnumerable<string> ValuesOf(string kind) => AttributeFilter.ValuesOf(kind);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Statement = await StatementOfApplicability.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        var rows = Statement.Rows.AsEnumerable();
        if (Enum.TryParse<ControlTheme>(Theme, out var theme))
        {
            rows = rows.Where(r => r.Control.Theme == theme);
        }

        rows = Decision switch
        {
            "proposed" => rows.Where(r => r.IsProposal),
            "applicable" => rows.Where(r => !r.IsProposal && r.Applicability == Applicability.Applicable),
            "excluded" => rows.Where(r => r.Applicability == Applicability.Excluded),
            "undecided" => rows.Where(r => r.Applicability == Applicability.Undecided),
            _ => rows,
        };
        if (Attribute?.Split(':') is [var kind, var value])
        {
            rows = rows.Where(r => r.Control.Attributes.ValuesOf(kind).Contains(value));
        }

        Shown = rows.ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var statement = await StatementOfApplicability.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        var buffer = new MemoryStream();
        await SoaWorkbook.WriteAsync(buffer, statement, CultureInfo.CurrentUICulture, cancellationToken);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"soa-{Organization.Slug}-{Today:yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnGetWordAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var statement = await StatementOfApplicability.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        var buffer = new MemoryStream();
        Mamori.Documents.Docx.PolicyDocx.Write(buffer, [SoaDocument.Render(statement, Organization, Today, CultureInfo.CurrentUICulture)]);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"soa-{Organization.Slug}-{Today:yyyyMMdd}.docx");
    }

    public async Task<IActionResult> OnGetReadinessAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var statement = await StatementOfApplicability.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        var report = await IsmsReadiness.BuildAsync(Db, statement, Today, cancellationToken);
        var buffer = new MemoryStream();
        Mamori.Documents.Docx.PolicyDocx.Write(buffer, [IsmsReadiness.Render(report, Organization, Today, CultureInfo.CurrentUICulture)]);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"isms-readiness-{Organization.Slug}-{Today:yyyyMMdd}.docx");
    }

    public async Task<IActionResult> OnGetReadinessPdfAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var statement = await StatementOfApplicability.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        var report = await IsmsReadiness.BuildAsync(Db, statement, Today, cancellationToken);
        var pdf = await Mamori.Features.Policies.ExportPolicySet.PdfAsync([IsmsReadiness.Render(report, Organization, Today, CultureInfo.CurrentUICulture)], cancellationToken);
        if (pdf.Content is null)
        {
            Flash(pdf.Problem ?? "");
            return Redirect($"{Base}/soa");
        }

        return File(pdf.Content, "application/pdf", $"isms-readiness-{Organization.Slug}-{Today:yyyyMMdd}.pdf");
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var count = await DecideControl.ConfirmProposalsAsync(Db, Membership, Organization, User.Identity?.Name ?? "", Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        if (count is null)
        {
            return Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, SoaText.Confirmed, count));
        return Redirect($"{Base}/soa");
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken)
    {
        var result = await GenerateControlStandards.HandleAsync(Db, Membership, Organization, User.Identity?.Name ?? "", Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        if (result is null)
        {
            return Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, SoaText.Generated, result.Created.Count, result.Linked.Count));
        return Redirect(result.Created.Count > 0 ? $"{Base}/policy" : $"{Base}/soa");
    }
}
