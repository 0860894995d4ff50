using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Mamori.Features;
using Mamori.Features.Risks;
using Mamori.Features.Treatments;
using Mamori.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Api;

/// <summary>/api/v1/organizations/{org}/risks and /treatments.</summary>
public static class RiskApi
{
    public static void MapRiskApi(this RouteGroupBuilder org)
    {
        org.MapGet("/risks", async (OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var scenarios = await data.Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).ToListAsync(cancellationToken);
            return Results.Ok(scenarios.Select(s => RiskDto.From(s, context)).ToList());
        }).WithTags("Risks");

        org.MapGet("/risks/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var scenario = await data.Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            return scenario is null ? Results.NotFound() : Results.Ok(RiskDto.From(scenario, context));
        }).WithTags("Risks");

        org.MapPost("/risks", (SaveRiskScenario.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
            SaveAsync(null, request, context, data, cancellationToken)).WithTags("Risks");
        org.MapPut("/risks/{id:guid}", (Guid id, SaveRiskScenario.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
            SaveAsync(id, request, context, data, cancellationToken)).WithTags("Risks");
        org.MapDelete("/risks/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanManageRisks)
            {
                return Results.Forbid();
            }

            var scenario = await data.Db.RiskScenarios.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (scenario is null)
            {
                return Results.NotFound();
            }

            data.Db.RiskScenarios.Remove(scenario);
            await data.Db.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).WithTags("Risks");
    }

    public static void MapTreatmentApi(this RouteGroupBuilder org)
    {
        org.MapGet("/treatments", async (OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            var tasks = await data.Db.TreatmentTasks.AsNoTracking().OrderBy(t => t.DueOn).ToListAsync(cancellationToken);
            return Results.Ok(tasks.Select(t => TaskDto.From(t, today)).ToList());
        }).WithTags("Treatments");

        org.MapGet("/treatments/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var task = await data.Db.TreatmentTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            return task is null ? Results.NotFound() : Results.Ok(TaskDto.From(task, DateOnly.FromDateTime(time.GetLocalNow().DateTime)));
        }).WithTags("Treatments");

        org.MapPost("/treatments", (SaveTreatmentTask.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
            SaveTaskAsync(null, request, context, data, time, cancellationToken)).WithTags("Treatments");
        org.MapPut("/treatments/{id:guid}", (Guid id, SaveTreatmentTask.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
            SaveTaskAsync(id, request, context, data, time, cancellationToken)).WithTags("Treatments");
        org.MapDelete("/treatments/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanManageRisks)
            {
                return Results.Forbid();
            }

            var task = await data.Db.TreatmentTasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (task is null)
            {
                return Results.NotFound();
            }

            data.Db.TreatmentTasks.Remove(task);
            await data.Db.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).WithTags("Treatments");
    }

    private static async Task<IResult> SaveAsync(Guid? id, SaveRiskScenario.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        var result = await SaveRiskScenario.HandleAsync(data.Db, context.Membership, id, request, cancellationToken);
        return Outcome(result.Status, result.Errors, id, () =>
        {
            data.Db.Entry(result.Scenario!).Reference(s => s.Asset).Load();
            return RiskDto.From(result.Scenario!, context);
        }, dto => $"/api/v1/organizations/{context.Organization.Slug}/risks/{dto.Id}");
    }

    private static async Task<IResult> SaveTaskAsync(Guid? id, SaveTreatmentTask.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await SaveTreatmentTask.HandleAsync(data.Db, context.Membership, id, request, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Outcome(result.Status, result.Errors, id, () => TaskDto.From(result.Task!, today), dto => $"/api/v1/organizations/{context.Organization.Slug}/treatments/{dto.Id}");
    }

    /// <summary>The HTTP answer for a save use case's outcome.</summary>
    private static IResult Outcome<T>(SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, Guid? id, Func<T> body, Func<T, string> location) => status switch
    {
        SaveStatus.NotFound => Results.NotFound(),
        SaveStatus.Forbidden => Results.Forbid(),
        SaveStatus.Invalid => Results.ValidationProblem(ApiEndpoints.CamelCase(errors)),
        SaveStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: Resources.CommonText.ConcurrencyConflict),
        _ when id is null => body() is var created ? Results.Created(location(created), created) : Results.Ok(),
        _ => Results.Ok(body()),
    };
}

public sealed record RiskDto(
    Guid Id, Guid AssetId, string AssetName, string BusinessValue, string? ThreatId, string? ThreatDescription, string RiskStatement,
    IReadOnlyList<ScenarioVulnerability> Vulnerabilities, IReadOnlyList<string> ProtectionRequirements, IReadOnlyList<ScenarioControl> Controls,
    int? ThreatLikelihood, int? VulnerabilityExposure, int? Likelihood, int? RiskValue, string? Band, string? Treatment,
    int? ResidualLikelihood, int? ResidualRisk, string Owner, string? AcceptedBy, DateOnly? AcceptedOn, string Status, int Version)
{
    public static RiskDto From(RiskScenario s, OrganizationContext context)
    {
        var importance = s.Asset?.Importance ?? Rating.High;
        var inherent = s.InherentRisk(importance);
        return new(s.Id, s.AssetId, s.Asset?.Name ?? "", s.BusinessValue, s.Threat?.CatalogId, s.Threat?.Description, s.RiskStatement,
            s.Vulnerabilities, s.ProtectionRequirements, s.Controls, s.ThreatLikelihood?.Value, s.VulnerabilityExposure?.Value,
            s.Likelihood?.Value, inherent?.Value, inherent is { } r ? context.Organization.RiskBands.Classify(r).ToString().ToLowerInvariant() : null,
            s.Treatment?.ToString(), s.ResidualLikelihood?.Value, s.ResidualRisk(importance)?.Value, s.Owner, s.AcceptedBy, s.AcceptedOn,
            RelationCheck.Evaluate(s).ToString(), s.Version);
    }
}

public sealed record TaskDto(Guid Id, string Title, string Owner, DateOnly? DueOn, string Status, bool Overdue, Guid? RiskScenarioId, string? ControlId, string Notes, int Version)
{
    public static TaskDto From(TreatmentTask t, DateOnly today) =>
        new(t.Id, t.Title, t.Owner, t.DueOn, t.Status.ToString(), t.IsOverdue(today), t.RiskScenarioId, t.ControlId, t.Notes, t.Version);
}
