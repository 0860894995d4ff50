using System.Globalization;
using Mamori.Features;
using Mamori.Features.Scs;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Scs;

/// <summary>The ★3 self-assessment of a year: progress by category, every criterion with its answer or proposal, review, exports and the pledge.</summary>
public sealed class IndexModel : ScsPage
{
    public Star3Assessment.Sheet Sheet { get; private set; } = null!;

    [BindProperty]
    public ReviewInput Opinion { get; set; } = new();

    [BindProperty]
    public RepresentativeInput Representative { get; set; } = new();

    public sealed class ReviewInput
    {
        public Mamori.Domain.Scs.ScsReviewState State { get; set; } = Mamori.Domain.Scs.ScsReviewState.Confirmed;

        public string? Text { get; set; }
    }

    public sealed class RepresentativeInput
    {
        public string? Title { get; set; }

        public string? Name { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        Representative = new() { Title = Sheet.Assessment?.RepresentativeTitle, Name = Sheet.Assessment?.RepresentativeName };
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var (status, _) = await StartAssessment.HandleAsync(Db, Membership, Organization, Actor, Time.GetUtcNow(), Today, cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        Flash(string.Format(CultureInfo.CurrentCulture, ScsText.Started, Star3Export.Year(CurrentYear, CultureInfo.CurrentUICulture)));
        return Redirect($"{Base}/scs");
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? criterion, CancellationToken cancellationToken)
    {
        var count = await AnswerCriterion.ConfirmProposalsAsync(Db, Membership, Organization, Year, criterion is null ? null : [criterion], Actor, Time.GetUtcNow(), Today, CultureInfo.CurrentUICulture, cancellationToken);
        if (count is null)
        {
            return Membership.CanEditDocuments ? NotFound() : Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, ScsText.Confirmed, count));
        return Redirect($"{Base}/scs{YearQuery}");
    }

    public async Task<IActionResult> OnPostRequestAllAsync(CancellationToken cancellationToken)
    {
        var count = await ReviewCriterion.RequestAllAsync(Db, Membership, Organization, Year, Actor, Time.GetUtcNow(), cancellationToken);
        if (count is null)
        {
            return Membership.CanEditDocuments ? NotFound() : Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, ScsText.RequestedAll, count));
        return Redirect($"{Base}/scs{YearQuery}");
    }

    public async Task<IActionResult> OnPostOpinionAsync(CancellationToken cancellationToken)
    {
        var (status, errors) = await ReviewCriterion.HandleAsync(Db, Membership, Organization, Year, new("", Opinion.State, Opinion.Text), Actor, Time.GetUtcNow(), cancellationToken);
        return await AfterAsync(status, errors, nameof(Opinion), ScsText.OpinionSaved, cancellationToken);
    }

    public async Task<IActionResult> OnPostRepresentativeAsync(CancellationToken cancellationToken)
    {
        var (status, errors) = await SaveRepresentative.HandleAsync(Db, Membership, Year, new(Representative.Title, Representative.Name), cancellationToken);
        return await AfterAsync(status, errors, nameof(Representative), ScsText.RepresentativeSaved, cancellationToken);
    }

    public async Task<IActionResult> OnGetWorkbookAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        var buffer = new MemoryStream();
        await Star3Export.WorkbookAsync(buffer, Sheet, CultureInfo.CurrentUICulture, cancellationToken);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"scs3-{Organization.Slug}-{Year}.xlsx");
    }

    public async Task<IActionResult> OnGetWordAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        return Docx(Star3Export.Document(Sheet, Organization, Today, CultureInfo.CurrentUICulture), $"scs3-{Organization.Slug}-{Year}.docx");
    }

    public async Task<IActionResult> OnGetPledgeAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        return Docx(Star3Export.Pledge(Sheet, Organization, Today, CultureInfo.CurrentUICulture), $"scs3-pledge-{Organization.Slug}-{Year}.docx");
    }

    public async Task<IActionResult> OnGetPledgePdfAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        var pdf = await Mamori.Features.Policies.ExportPolicySet.PdfAsync([Star3Export.Pledge(Sheet, Organization, Today, CultureInfo.CurrentUICulture)], cancellationToken);
        if (pdf.Content is null)
        {
            Flash(pdf.Problem ?? "");
            return Redirect($"{Base}/scs{YearQuery}");
        }

        return File(pdf.Content, "application/pdf", $"scs3-pledge-{Organization.Slug}-{Year}.pdf");
    }

    private FileStreamResult Docx(Mamori.Documents.RenderedDocument document, string name)
    {
        var buffer = new MemoryStream();
        Mamori.Documents.Docx.PolicyDocx.Write(buffer, [document]);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }

    private async Task<IActionResult> AfterAsync(SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, string prefix, string saved, CancellationToken cancellationToken)
    {
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        if (status == SaveStatus.Invalid)
        {
            ModelState.Clear();
            ShowProblems(status, errors, prefix);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Flash(saved);
        return Redirect($"{Base}/scs{YearQuery}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Sheet = await Star3Assessment.BuildAsync(Db, Organization, Year, Today, CultureInfo.CurrentUICulture, cancellationToken);
}
