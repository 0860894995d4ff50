using Mamori.Domain.Risk;
using Mamori.Features.Risks;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Risks;

/// <summary>/api/v1/organizations/{org}/risks: the risk scenarios and their writes.</summary>
public static class RisksApi
{
    public static void MapRisksApi(this RouteGroupBuilder org)
    {
        org.MapGet("/risks", async (OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var scenarios = await data.Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).ToListAsync(cancellationToken);
            return Results.Ok(scenarios.Select(s => RiskDto.From(s, context)).ToList());
        }).WithTags("Risks")
            .WithName("listRisks").WithSummary("List the risk scenarios").Produces<List<RiskDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/risks/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var scenario = await data.Db.RiskScenarios.AsNoTracking().Include(s => s.Asset).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            return scenario is null ? Results.NotFound() : Results.Ok(RiskDto.From(scenario, context));
        }).WithTags("Risks")
            .WithName("getRisk").WithSummary("Read one risk scenario").Produces<RiskDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapPost("/risks", (SaveRiskScenario.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
            SaveAsync(null, request, context, data, cancellationToken)).WithTags("Risks")
            .WithName("createRisk").WithSummary("Add a risk scenario to an asset").Produces<RiskDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        org.MapPut("/risks/{id:guid}", (Guid id, SaveRiskScenario.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
            SaveAsync(id, request, context, data, cancellationToken)).WithTags("Risks")
            .WithName("updateRisk").WithSummary("Change a risk scenario (send the version you read)").Produces<RiskDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        org.MapDelete("/risks/{id:guid}", async (Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
            await DeleteRiskScenario.HandleAsync(data.Db, context.Membership, id, cancellationToken) switch
            {
                DeleteRiskScenario.Outcome.Forbidden => Results.Forbid(),
                DeleteRiskScenario.Outcome.NotFound => Results.NotFound(),
                _ => Results.NoContent(),
            }).WithTags("Risks")
            .WithName("deleteRisk").WithSummary("Delete a risk scenario").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> SaveAsync(Guid? id, SaveRiskScenario.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        var result = await SaveRiskScenario.HandleAsync(data.Db, context.Membership, id, request, cancellationToken);
        return ApiResults.Saved(result.Status, result.Errors, id, () =>
        {
            data.Db.Entry(result.Scenario!).Reference(s => s.Asset).Load();
            return RiskDto.From(result.Scenario!, context);
        }, dto => $"/api/v1/organizations/{context.Organization.Slug}/risks/{dto.Id}");
    }
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
