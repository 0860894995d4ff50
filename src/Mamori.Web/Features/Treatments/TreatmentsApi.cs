using Mamori.Domain.Treatments;
using Mamori.Features.Treatments;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Treatments;

/// <summary>/api/v1/organizations/{org}/treatments: the treatment tasks and their writes.</summary>
public static class TreatmentsApi
{
    public static void MapTreatmentsApi(this RouteGroupBuilder org)
    {
        org.MapGet("/treatments", async (OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var today = time.Today(context.Organization);
            var tasks = await data.Db.TreatmentTasks.AsNoTracking().OrderBy(t => t.DueOn).ToListAsync(cancellationToken);
            return Results.Ok(tasks.Select(t => TaskDto.From(t, today)).ToList());
        }).WithTags("Treatments")
            .WithName("listTreatments").WithSummary("List the treatment tasks, soonest due first").Produces<List<TaskDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/treatments/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var task = await data.Db.TreatmentTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            return task is null ? Results.NotFound() : Results.Ok(TaskDto.From(task, time.Today(context.Organization)));
        }).WithTags("Treatments")
            .WithName("getTreatment").WithSummary("Read one treatment task").Produces<TaskDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapPost("/treatments", (SaveTreatmentTask.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
            SaveTaskAsync(null, request, context, data, time, cancellationToken)).WithTags("Treatments")
            .WithName("createTreatment").WithSummary("Add a treatment task").Produces<TaskDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        org.MapPut("/treatments/{id:guid}", (Guid id, SaveTreatmentTask.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
            SaveTaskAsync(id, request, context, data, time, cancellationToken)).WithTags("Treatments")
            .WithName("updateTreatment").WithSummary("Change a treatment task (send the version you read)").Produces<TaskDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        org.MapDelete("/treatments/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
            await DeleteTreatmentTask.HandleAsync(data.Db, context.Membership, id, cancellationToken) switch
            {
                Mamori.Features.Risks.DeleteRiskScenario.Outcome.Forbidden => Results.Forbid(),
                Mamori.Features.Risks.DeleteRiskScenario.Outcome.NotFound => Results.NotFound(),
                _ => Results.NoContent(),
            }).WithTags("Treatments")
            .WithName("deleteTreatment").WithSummary("Delete a treatment task").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> SaveTaskAsync(Guid? id, SaveTreatmentTask.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await SaveTreatmentTask.HandleAsync(data.Db, context.Membership, id, request, cancellationToken);
        var today = time.Today(context.Organization);
        return ApiResults.Saved(result.Status, result.Errors, id, () => TaskDto.From(result.Task!, today), dto => $"/api/v1/organizations/{context.Organization.Slug}/treatments/{dto.Id}");
    }
}

public sealed record TaskDto(Guid Id, string Title, string Owner, DateOnly? DueOn, string Status, bool Overdue, Guid? RiskScenarioId, string? ControlId, string Notes, int Version)
{
    public static TaskDto From(TreatmentTask t, DateOnly today) =>
        new(t.Id, t.Title, t.Owner, t.DueOn, t.Status.ToString(), t.IsOverdue(today), t.RiskScenarioId, t.ControlId, t.Notes, t.Version);
}
