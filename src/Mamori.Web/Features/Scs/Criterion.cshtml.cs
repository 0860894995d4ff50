using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Scs;
using Mamori.Domain.Soa;
using Mamori.Features;
using Mamori.Features.Scs;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Scs;

/// <summary>One ★3 criterion of a year: what it asks and means, the answer (pre-filled from the proposal), evidence, the review and a task for the gap.</summary>
public sealed class CriterionModel : ScsPage
{
    public sealed class AnswerInput
    {
        public ScsAnswerStatus Status { get; set; }

        public string? Reason { get; set; }

        public string? Note { get; set; }

        public List<string> Links { get; set; } = [];

        public bool FromProposal { get; set; }
    }

    public sealed class ReviewInput
    {
        public ScsReviewState State { get; set; }

        public string? Text { get; set; }
    }

    [BindProperty]
    public AnswerInput Input { get; set; } = new();

    [BindProperty]
    public ReviewInput Step { get; set; } = new();

    public Mamori.Domain.Catalog.ScsCriterion Criterion { get; private set; } = null!;

    public Star3Assessment.Sheet Sheet { get; private set; } = null!;

    public Star3Assessment.Row Row { get; private set; } = null!;

    /// <summary>Every document of the policy set and the registers, as evidence links to choose from.</summary>
    public IReadOnlyList<(string Link, string Label)> Choices { get; private set; } = [];

    /// <summary>The review steps the user may take now.</summary>
    public IReadOnlyList<ScsReviewState> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string criterion, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (!await LoadAsync(criterion, cancellationToken))
        {
            return NotFound();
        }

        Input = new AnswerInput
        {
            Status = Row.Status,
            Reason = Row.Reason,
            Note = Row.Note,
            Links = Row.IsProposal ? [.. Row.Grounds.Where(g => g.Link is not null).Select(g => g.Link!)] : [.. Row.Answer?.Links ?? []],
            FromProposal = Row.IsProposal,
        };
        Step = new ReviewInput { State = Steps.FirstOrDefault() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string criterion, CancellationToken cancellationToken)
    {
        var (status, errors) = await AnswerCriterion.HandleAsync(Db, Membership, Organization, Year,
            new(criterion, Input.Status, Input.Reason, Input.Note, Input.Links, Input.FromProposal), Actor, Time.GetUtcNow(), Today, CultureInfo.CurrentUICulture, cancellationToken);
        return await AfterAsync(criterion, status, errors, nameof(Input), ScsText.Saved, cancellationToken);
    }

    public async Task<IActionResult> OnPostReviewAsync(string criterion, CancellationToken cancellationToken)
    {
        var (status, errors) = await ReviewCriterion.HandleAsync(Db, Membership, Organization, Year, new(criterion, Step.State, Step.Text), Actor, Time.GetUtcNow(), cancellationToken);
        return await AfterAsync(criterion, status, errors, nameof(Step), ScsText.ReviewSaved, cancellationToken);
    }

    public async Task<IActionResult> OnPostTaskAsync(string criterion, CancellationToken cancellationToken)
    {
        var (status, task) = await CreateGapTask.HandleAsync(Db, Membership, Organization, Year, criterion, Actor, Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        Flash(string.Format(CultureInfo.CurrentCulture, ScsText.TaskCreated, task!.Title));
        return Redirect($"{Base}/treatments/{task.Id}");
    }

    public async Task<IActionResult> OnPostUploadAsync(string criterion, IFormFile? file, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var back = $"{Base}/scs/{criterion}?year={Year}";
        if (file is null || file.Length > SoaEvidenceFile.MaxBytes)
        {
            Flash(file is null ? Mamori.Resources.Messages.EvidenceEmpty : string.Format(CultureInfo.CurrentCulture, Mamori.Resources.Messages.EvidenceTooLarge, file.FileName, SoaEvidenceFile.MaxBytes / 1024 / 1024));
            return Redirect(back);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var (saved, problem) = await ScsEvidence.AttachAsync(Db, Membership, Organization, Year, criterion, file.FileName, buffer.ToArray(), Actor, Time.GetUtcNow(), cancellationToken);
        if (saved is null && problem is null)
        {
            return NotFound();
        }

        Flash(problem ?? string.Format(CultureInfo.CurrentCulture, ScsText.Uploaded, saved!.FileName));
        return Redirect(back);
    }

    public async Task<IActionResult> OnGetEvidenceAsync(string criterion, Guid fileId, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var file = await ScsEvidence.FindAsync(Db, Year, criterion, fileId, cancellationToken);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string criterion, Guid fileId, CancellationToken cancellationToken)
    {
        var status = await ScsEvidence.RemoveAsync(Db, Membership, Year, criterion, fileId, cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        Flash(ScsText.Removed);
        return Redirect($"{Base}/scs/{criterion}?year={Year}");
    }

    private async Task<IActionResult> AfterAsync(string criterion, SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, string prefix, string saved, CancellationToken cancellationToken)
    {
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        if (status == SaveStatus.Invalid)
        {
            ModelState.Clear();
            ShowProblems(status, errors, prefix);
            await LoadAsync(criterion, cancellationToken);
            return Page();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, saved, criterion));
        return Redirect($"{Base}/scs/{criterion}?year={Year}");
    }

    private async Task<bool> LoadAsync(string criterion, CancellationToken cancellationToken)
    {
        if (!AnswerCriterion.IsCriterion(criterion))
        {
            return false;
        }

        Criterion = ScsCatalog.Default.Find(criterion)!;
        Sheet = await Star3Assessment.BuildAsync(Db, Organization, Year, Today, CultureInfo.CurrentUICulture, cancellationToken);
        Row = Sheet.Rows.Single(r => r.Criterion.Id == criterion);
        var documents = await Db.PolicyDocuments.AsNoTracking().OrderBy(d => d.Kind).ThenBy(d => d.Number).Select(d => new { d.Id, d.Number, d.Title }).ToListAsync(cancellationToken);
        Choices = [.. documents.Select(d => ($"document:{d.Id}", $"{d.Number} {d.Title}".Trim())), .. Sheet.Links.Where(l => AnswerCriterion.IsRegisterLink(l.Key)).Select(l => (l.Key, l.Value))];
        var byExpert = Membership.CanReviewScs;
        Steps = Sheet.Assessment is null || (!byExpert && !Membership.CanEditDocuments)
            ? []
            : Enum.GetValues<ScsReviewState>().Where(s => ScsReviewNote.CanMove(Row.ReviewState, s, byExpert)).ToList();
        return true;
    }
}
