using System.Globalization;
using System.Security.Claims;
using Mamori.Domain.Soa;
using Mamori.Features;
using Mamori.Features.Soa;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Features.Soa;

/// <summary>/api/v1/organizations/{org}/soa: the Statement of Applicability and one control's decision.</summary>
public static class SoaApi
{
    public static void MapSoaApi(this RouteGroupBuilder org)
    {
        org.MapGet("/soa", async (OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var statement = await StatementOfApplicability.BuildAsync(data.Db, context.Organization, CultureInfo.CurrentUICulture, cancellationToken);
            return Results.Ok(new SoaDto(
                statement.Rows.Count,
                statement.Decided,
                statement.Rows.Select(SoaRowDto.From).ToList(),
                statement.Warnings.Select(w => new SoaWarningDto(w.Kind.ToString(), w.ControlId, w.RiskId, w.Subject)).ToList()));
        }).WithTags("Statement of Applicability")
            .WithName("getSoa").WithSummary("Read the Statement of Applicability").Produces<SoaDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapGet("/soa/{control}", async (string control, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var statement = await StatementOfApplicability.BuildAsync(data.Db, context.Organization, CultureInfo.CurrentUICulture, cancellationToken);
            var row = statement.Rows.SingleOrDefault(r => r.Control.Id == control);
            return row is null ? Results.NotFound() : Results.Ok(SoaRowDto.From(row));
        }).WithTags("Statement of Applicability")
            .WithName("getSoaControl").WithSummary("Read the decision on one control").Produces<SoaRowDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapPut("/soa/{control}", async (string control, SoaDecisionRequest request, ClaimsPrincipal user, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var (status, errors) = await DecideControl.HandleAsync(data.Db, context.Membership, context.Organization,
                new(control, request.Applicability, request.Justification, request.Status ?? ImplementationStatus.NotStarted, request.Owner, request.EvidenceNotes),
                user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "", time.GetUtcNow(), cancellationToken);
            if (status != SaveStatus.Saved)
            {
                return status switch
                {
                    SaveStatus.NotFound => Results.NotFound(),
                    SaveStatus.Forbidden => Results.Forbid(),
                    _ => Results.ValidationProblem(ApiResults.CamelCase(errors)),
                };
            }

            var statement = await StatementOfApplicability.BuildAsync(data.Db, context.Organization, CultureInfo.CurrentUICulture, cancellationToken);
            return Results.Ok(SoaRowDto.From(statement.Rows.Single(r => r.Control.Id == control)));
        }).WithTags("Statement of Applicability")
            .WithName("decideSoaControl").WithSummary("Decide whether a control applies, and how far it is in place").Produces<SoaRowDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

/// <summary>A decision on one control; <see cref="Applicability"/> Undecided removes it.</summary>
public sealed record SoaDecisionRequest(Applicability Applicability, string? Justification, ImplementationStatus? Status, string? Owner, string? EvidenceNotes);

public sealed record SoaDto(int Controls, int Decided, IReadOnlyList<SoaRowDto> Rows, IReadOnlyList<SoaWarningDto> Warnings);

public sealed record SoaWarningDto(string Kind, string? ControlId, Guid? RiskId, string Subject);

public sealed record SoaRowDto(
    string ControlId, string Title, string Theme, string Applicability, bool Proposed, string Status, string Justification, string Owner, string EvidenceNotes,
    DateTimeOffset? DecidedAt, string? DecidedBy,
    IReadOnlyList<Guid> Risks, IReadOnlyList<Guid> Documents, IReadOnlyList<Guid> Tasks, IReadOnlyList<string> EvidenceFiles)
{
    public static SoaRowDto From(StatementOfApplicability.Row r) => new(
        r.Control.Id, r.Control.Title(CultureInfo.CurrentUICulture), r.Control.Theme.ToString(), r.Applicability.ToString(), r.IsProposal, r.Status.ToString(),
        r.Justification, r.Owner, r.EvidenceNotes, r.Decision?.DecidedAt, r.Decision?.DecidedBy,
        [.. r.Risks.Select(x => x.Id)], [.. r.Documents.Select(x => x.Id)], [.. r.Tasks.Select(x => x.Id)], [.. r.Evidence.Select(x => x.FileName)]);
}
