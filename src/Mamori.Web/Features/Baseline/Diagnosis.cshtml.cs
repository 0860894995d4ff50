using System.Globalization;
using Mamori.Domain.Baseline;
using Mamori.Features.Baseline;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Baseline;

/// <summary>The 25 questions, answered by any member for their department.</summary>
public sealed class DiagnosisModel : OrganizationPage
{
    [BindProperty]
    public string? Department { get; set; }

    [BindProperty]
    public string? Respondent { get; set; }

    [BindProperty]
    public Dictionary<int, DiagnosisAnswer> Answers { get; set; } = [];

    public void OnGet() => Department = Membership.Department;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAnswerDiagnosis) is { } denied)
        {
            return denied;
        }

        var (response, errors) = await SelfDiagnosisResults.RecordAsync(Db, Membership, new(Department, Respondent, Answers), Time.GetUtcNow(), cancellationToken);
        if (response is null)
        {
            ModelState.Clear();
            foreach (var (field, messages) in errors)
            {
                messages.ForEach(m => ModelState.AddModelError(field, m));
            }

            return Page();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, BaselineText.Recorded, response.Score));
        return Redirect($"{Base}/baseline");
    }
}
