using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Invitations;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Organizations;

/// <summary>
/// /api/v1/organizations/{org}/members and /invitations: the members, the open invitations, inviting and
/// withdrawing an invitation, for the organization's 管理者 as on the members page. The API does not mail an
/// invitation: its answer carries the link, shown once, for the caller to pass on.
/// </summary>
public static class MembersApi
{
    public static void MapMembersApi(this RouteGroupBuilder org)
    {
        org.MapGet("/members", ListMembersAsync)
            .WithName("listMembers")
            .WithSummary("List the organization's members by role, then address (paged)")
            .WithTags("Members")
            .Produces<ApiPage<MemberDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapGet("/invitations", ListInvitationsAsync)
            .WithName("listInvitations")
            .WithSummary("List the open invitations, newest first (paged)")
            .WithTags("Members")
            .Produces<ApiPage<InvitationDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapPost("/invitations", InviteAsync)
            .WithName("inviteMember")
            .WithSummary("Invite a person by e-mail address with a role; the answer carries the link, shown once")
            .WithTags("Members")
            .Produces<InvitedDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        org.MapDelete("/invitations/{id:guid}", RevokeAsync)
            .WithName("revokeInvitation")
            .WithSummary("Withdraw an open invitation: its link stops working at once")
            .WithTags("Members")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListMembersAsync(
        [FromQuery] int? page, [FromQuery] int? pageSize, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanAdministerOrganization)
        {
            return Results.Forbid();
        }

        var (number, size) = ApiProblems.Paging(page, pageSize);
        var members = await ListMembers.HandleAsync(data.Db, cancellationToken);
        return Results.Ok(new ApiPage<MemberDto>(members.Count, number, size, [.. members.Skip((number - 1) * size).Take(size).Select(MemberDto.From)]));
    }

    private static async Task<IResult> ListInvitationsAsync(
        [FromQuery] int? page, [FromQuery] int? pageSize, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!context.Membership.CanAdministerOrganization)
        {
            return Results.Forbid();
        }

        var (number, size) = ApiProblems.Paging(page, pageSize);
        var open = await InviteMember.PendingAsync(data.Db, time.GetUtcNow(), cancellationToken);
        return Results.Ok(new ApiPage<InvitationDto>(open.Count, number, size, [.. open.Skip((number - 1) * size).Take(size).Select(InvitationDto.From)]));
    }

    private static async Task<IResult> InviteAsync(
        [FromBody] InviteMember.Request request, OrganizationContext context, OrganizationData data, TimeProvider time, HttpRequest http, CancellationToken cancellationToken)
    {
        var result = await InviteMember.HandleAsync(data.Db, context.Membership, request, time.GetUtcNow(), cancellationToken);
        if (result is not { Status: SaveStatus.Saved, Invitation: { } invitation, Token: { } token })
        {
            return ApiResults.Saved<object>(result.Status, result.Errors, null, () => new(), _ => "");
        }

        var link = $"{http.Scheme}://{http.Host}{http.PathBase}/invitations/{token}";
        return Results.Created($"/api/v1/organizations/{context.Organization.Slug}/invitations", new InvitedDto(InvitationDto.From(invitation), link));
    }

    private static async Task<IResult> RevokeAsync([FromRoute] Guid id, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await RevokeInvitation.HandleAsync(data.Db, context.Membership, id, time.GetUtcNow(), cancellationToken);
        return result.Status switch
        {
            SaveStatus.Saved => Results.NoContent(),
            // Accepted, withdrawn or expired meanwhile: nothing left to withdraw.
            SaveStatus.Invalid => ApiProblems.Conflict(string.Join(" ", result.Errors.SelectMany(e => e.Value))),
            _ => ApiResults.Saved<object>(result.Status, result.Errors, id, () => new(), _ => ""),
        };
    }
}

/// <param name="Audiences">The groups the procedures name that the member belongs to.</param>
public sealed record MemberDto(Guid Id, string UserId, string DisplayName, string Email, string Role, string Department, IReadOnlyList<string> Audiences)
{
    public static MemberDto From(ListMembers.Member m) =>
        new(m.Membership.Id, m.Membership.UserId, m.DisplayName, m.Email, m.Membership.Role.ToString(), m.Membership.Department, m.Membership.Audiences);
}

public sealed record InvitationDto(Guid Id, string Email, string Role, string Department, string Language, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static InvitationDto From(Invitation i) => new(i.Id, i.Email, i.Role.ToString(), i.Department, i.Language, i.InvitedBy, i.CreatedAt, i.ExpiresAt);
}

/// <param name="Link">The invitation's link, given only in this answer: the database keeps its hash.</param>
public sealed record InvitedDto(InvitationDto Invitation, string Link);
