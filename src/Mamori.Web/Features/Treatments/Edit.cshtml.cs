using Mamori.Features;
using Mamori.Features.Treatments;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Treatments;

public sealed class EditModel : OrganizationPage
{
    [BindProperty]
    public SaveTreatmentTask.Request Input { get; set; } = new();

    [FromRoute(Name = "id")]
    public string RouteId { get; set; } = "";

    public bool IsNew => RouteId == "new";

    public string? RiskStatement { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (IsNew)
        {
            Input = new SaveTreatmentTask.Request { DueOn = Today.AddMonths(1) };
            return Require(Membership.CanManageRisks) ?? Page();
        }

        var task = Guid.TryParse(RouteId, out var id) ? await Db.TreatmentTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
        if (task is null)
        {
            return NotFound();
        }

        Input = SaveTreatmentTask.Request.From(task);
        await LoadRiskAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Guid? id = IsNew ? null : Guid.TryParse(RouteId, out var parsed) ? parsed : Guid.Empty;
        if (id == Guid.Empty)
        {
            return NotFound();
        }

        var result = await SaveTreatmentTask.HandleAsync(Db, Membership, id, Input, cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(IsNew ? TreatmentText.Created : TreatmentText.Updated);
            return Redirect($"{Base}/treatments");
        }

        ShowProblems(result.Status, result.Errors, nameof(Input));
        if (result.Status == SaveStatus.Conflict && result.Task is { } latest)
        {
            Input = SaveTreatmentTask.Request.From(latest);
        }

        await LoadRiskAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanManageRisks) is { } denied)
        {
            return denied;
        }

        if (!Guid.TryParse(RouteId, out var id)
            || await DeleteTreatmentTask.HandleAsync(Db, Membership, id, cancellationToken) != Mamori.Features.Risks.DeleteRiskScenario.Outcome.Deleted)
        {
            return NotFound();
        }

        Flash(TreatmentText.DeletedMessage);
        return Redirect($"{Base}/treatments");
    }

    private async Task LoadRiskAsync(CancellationToken cancellationToken)
    {
        if (Input.RiskScenarioId is { } scenarioId)
        {
            RiskStatement = await Db.RiskScenarios.Where(s => s.Id == scenarioId).Select(s => s.RiskStatement).SingleOrDefaultAsync(cancellationToken);
        }
    }
}
