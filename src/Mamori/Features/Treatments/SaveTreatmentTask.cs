using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Treatments;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Treatments;

/// <summary>Creates or updates a task of the treatment plan.</summary>
public static class SaveTreatmentTask
{
    public sealed record Request
    {
        public string? Title { get; init; }

        public string? Owner { get; init; }

        public DateOnly? DueOn { get; init; }

        public TreatmentStatus Status { get; init; } = TreatmentStatus.NotStarted;

        public Guid? RiskScenarioId { get; init; }

        public string? ControlId { get; init; }

        public string? Notes { get; init; }

        public int Version { get; init; }

        public static Request From(TreatmentTask t) => new()
        {
            Title = t.Title,
            Owner = t.Owner,
            DueOn = t.DueOn,
            Status = t.Status,
            RiskScenarioId = t.RiskScenarioId,
            ControlId = t.ControlId,
            Notes = t.Notes,
            Version = t.Version,
        };
    }

    public sealed record Result(SaveStatus Status, TreatmentTask? Task, IReadOnlyDictionary<string, List<string>> Errors);

    public static async Task<Result> HandleAsync(MamoriDb db, Membership membership, Guid? id, Request request, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return new(SaveStatus.Forbidden, null, FieldErrors.None);
        }

        TreatmentTask? task = null;
        if (id is { } existing)
        {
            task = await db.TreatmentTasks.SingleOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (task is null)
            {
                return new(SaveStatus.NotFound, null, FieldErrors.None);
            }
        }

        var errors = new FieldErrors();
        errors.Text(nameof(Request.Title), request.Title, InformationAsset.MaxTextLength, Messages.TaskTitleRequired);
        errors.Text(nameof(Request.Owner), request.Owner, InformationAsset.MaxTextLength);
        errors.Text(nameof(Request.Notes), request.Notes, InformationAsset.MaxNotesLength);
        if (!Enum.IsDefined(request.Status))
        {
            errors.Add(nameof(Request.Status), Messages.TaskStatusUnknown);
        }

        if (!string.IsNullOrEmpty(request.ControlId) && CatalogSet.Default.FindControl(request.ControlId) is null)
        {
            errors.Add(nameof(Request.ControlId), string.Format(CultureInfo.CurrentCulture, Messages.CatalogControlUnknown, request.ControlId));
        }

        if (request.RiskScenarioId is { } scenarioId && !await db.RiskScenarios.AnyAsync(s => s.Id == scenarioId, cancellationToken))
        {
            errors.Add(nameof(Request.RiskScenarioId), Messages.TaskRiskUnknown);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, task, errors);
        }

        if (task is null)
        {
            task = new TreatmentTask(membership.OrganizationId, request.Title!);
            db.TreatmentTasks.Add(task);
        }
        else
        {
            db.Entry(task).Property(t => t.Version).OriginalValue = request.Version;
        }

        task.Title = request.Title!;
        task.Owner = (request.Owner ?? "").Trim();
        task.DueOn = request.DueOn;
        task.Status = request.Status;
        task.RiskScenarioId = request.RiskScenarioId;
        task.ControlId = string.IsNullOrEmpty(request.ControlId) ? null : request.ControlId;
        task.Notes = (request.Notes ?? "").Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, await db.TreatmentTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == task.Id, cancellationToken), FieldErrors.None);
        }

        return new(SaveStatus.Saved, task, FieldErrors.None);
    }
}
