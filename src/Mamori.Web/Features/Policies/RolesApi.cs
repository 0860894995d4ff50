using System.Security.Cryptography;
using System.Text;
using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>
/// /api/v1/organizations/{org}/roles: the roles table (役職名 / 役割と責任 / 担当者) the documents fill in.
/// A role row has no version of its own, so the table's entity tag is a hash of its rows: a PUT with an
/// If-Match that no longer matches answers 412 and saves nothing.
/// </summary>
public static class RolesApi
{
    public static void MapRolesApi(this RouteGroupBuilder org)
    {
        org.MapGet("/roles", GetAsync)
            .WithName("getRoles")
            .WithSummary("Read the roles table, in its order, with its entity tag")
            .WithTags("Documents")
            .Produces<RolesDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPut("/roles", SaveAsync)
            .WithName("saveRoles")
            .WithSummary("Save the roles table: rows in their new order, a row without a title or with remove: true removed, a row without an id added")
            .WithTags("Documents")
            .Produces<RolesDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<IResult> GetAsync(OrganizationContext context, OrganizationData data, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        var roles = await ReadAsync(data, cancellationToken);
        response.Headers.ETag = roles.ETag;
        return Results.Ok(roles);
    }

    private static async Task<IResult> SaveAsync(
        [FromBody] RolesRequest request, OrganizationContext context, OrganizationData data, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanEditDocuments)
        {
            return Results.Forbid();
        }

        if (!ApiProblems.Matches(http, (await ReadAsync(data, cancellationToken)).ETag))
        {
            return ApiProblems.Stale();
        }

        var result = await SaveRoles.HandleAsync(data.Db, context.Membership, request.Rows ?? [], cancellationToken);
        if (result.Status != SaveStatus.Saved)
        {
            return ApiResults.Saved<object>(result.Status, result.Errors.ToDictionary(e => ApiFieldNames.Of(e.Key), e => e.Value), Guid.Empty, () => new(), _ => "");
        }

        var saved = await ReadAsync(data, cancellationToken);
        http.HttpContext.Response.Headers.ETag = saved.ETag;
        return Results.Ok(saved);
    }

    private static async Task<RolesDto> ReadAsync(OrganizationData data, CancellationToken cancellationToken)
    {
        var rows = (await data.Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(cancellationToken)).Select(SaveRoles.Row.From).ToList();
        var text = string.Join('\n', rows.Select(r => string.Join('\t', r.Id, r.Title, r.Responsibility, r.Holders, r.Key)));
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32]}\"";
        return new RolesDto(etag, [.. rows.Select(r => new RoleDto(r.Id!.Value, r.Title ?? "", r.Responsibility ?? "", r.Holders ?? "", r.Key ?? ""))]);
    }
}

/// <param name="Rows">The table in its new order; ids of stored rows, none for a new one.</param>
public sealed record RolesRequest(IReadOnlyList<SaveRoles.Row>? Rows);

/// <param name="ETag">The table's entity tag, to send as If-Match with the next save.</param>
public sealed record RolesDto(string ETag, IReadOnlyList<RoleDto> Rows);

/// <param name="Key">The template key a document's {{ roles.KEY }} placeholder names; "" for a role of the organization's own.</param>
public sealed record RoleDto(Guid Id, string Title, string Responsibility, string Holders, string Key);
