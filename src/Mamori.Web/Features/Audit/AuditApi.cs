using Mamori.Domain.Audit;
using Mamori.Features.Audit;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Audit;

/// <summary>/api/v1/organizations/{org}/audit: the audit log, newest first, and the check of its hash chain, for 管理者 and 監査人 as the audit page.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder org)
    {
        org.MapGet("/audit", ListAsync)
            .WithName("listAuditEntries")
            .WithSummary("List the audit log's entries, newest first (paged)")
            .WithTags("Audit")
            .Produces<ApiPage<AuditEntryDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/audit/verify", VerifyAsync)
            .WithName("verifyAuditLog")
            .WithSummary("Walk the audit log's hash chain and say whether it is intact")
            .WithTags("Audit")
            .Produces<AuditVerificationDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        [FromQuery] int? page, [FromQuery] int? pageSize, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadAuditLog)
        {
            return Results.Forbid();
        }

        var (number, size) = ApiProblems.Paging(page, pageSize);
        var read = await ReadAuditLog.HandleAsync(data.Db, number, size, cancellationToken);
        return Results.Ok(new ApiPage<AuditEntryDto>((int)Math.Min(read.Total, int.MaxValue), number, size, [.. read.Entries.Select(AuditEntryDto.From)]));
    }

    private static async Task<IResult> VerifyAsync(OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadAuditLog)
        {
            return Results.Forbid();
        }

        var result = await VerifyAuditLog.HandleAsync(data.Db, cancellationToken);
        return Results.Ok(AuditVerificationDto.From(result));
    }
}

/// <param name="Before">The changed properties before the write (a JSON object as text); null for a creation.</param>
/// <param name="After">The changed properties after the write; null for a deletion.</param>
public sealed record AuditEntryDto(long Sequence, Guid Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string? Before, string? After, string Hash)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.Sequence, e.Id, e.At, e.Actor, e.Action.ToString(), e.EntityType, e.EntityId, e.Before, e.After, e.Hash);
}

/// <param name="Intact">True when no entry was changed, inserted or deleted and every kept file matches.</param>
/// <param name="Problem">The first breach found (changed, inserted, deleted or file-changed), null when intact.</param>
public sealed record AuditVerificationDto(bool Intact, long Entries, string HeadHash, AuditBreachDto? Problem)
{
    public static AuditVerificationDto From(VerifyAuditLog.Result r) => new(
        r.Problem is null, r.Entries, r.HeadHash,
        r.Problem is { } p ? new AuditBreachDto(p.Kind.ToString(), p.EntryId, p.Sequence, p.At, p.MissingFrom, p.MissingTo) : null);
}

public sealed record AuditBreachDto(string Kind, Guid EntryId, long Sequence, DateTimeOffset At, long? MissingFrom, long? MissingTo);
