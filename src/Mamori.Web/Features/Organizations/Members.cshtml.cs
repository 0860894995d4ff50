using System.Globalization;
using Mamori.Accounts;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Invitations;
using Mamori.Features.Organizations;
using Mamori.Mail;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Organizations;

/// <summary>The organization's members and their roles, and the invitations that add members, managed by its 管理者.</summary>
public sealed class MembersModel(UserManager<MamoriUser> users, TimeProvider time, Mailer mailer, ILogger<MembersModel> logger) : OrganizationPage
{
    public sealed record Member(Membership Membership, string DisplayName, string Email);

    [BindProperty]
    public InviteMember.Request Invite { get; set; } = new() { Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName };

    public IReadOnlyList<Member> Members { get; private set; } = [];

    /// <summary>The open invitations, newest first.</summary>
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];

    /// <summary>The link of the invitation just made, shown once to copy when it was not mailed.</summary>
    public string? NewLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (await UnreadableAsync(cancellationToken) is { } unreadable)
        {
            return unreadable;
        }

        var result = await InviteMember.HandleAsync(Db, Membership, Invite, time.GetUtcNow(), cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result is not { Status: SaveStatus.Saved, Invitation: { } invitation, Token: { } token })
        {
            ShowProblems(result.Status, result.Errors, nameof(Invite));
            await LoadAsync(cancellationToken);
            return Page();
        }

        var link = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/invitations/{token}";
        if (mailer.IsConfigured && await MailAsync(invitation, link, cancellationToken))
        {
            Flash(string.Format(CultureInfo.CurrentCulture, OrganizationText.InvitationSent, invitation.Email));
            return Redirect($"{Base}/members");
        }

        // No mail server (or it refused): the link is shown once, for the administrator to pass on.
        NewLink = link;
        ModelState.Clear();
        Invite = new() { Language = Invite.Language };
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var result = await RevokeInvitation.HandleAsync(Db, Membership, invitationId, time.GetUtcNow(), cancellationToken);
        return await AnswerAsync(result.Status, result.Errors, cancellationToken, OrganizationText.InvitationRevoked);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid membershipId, MemberRole role, string? department, List<string> audiences, CancellationToken cancellationToken)
    {
        if (await UnreadableAsync(cancellationToken) is { } unreadable)
        {
            return unreadable;
        }

        var result = await ChangeMember.HandleAsync(Db, Membership, membershipId, new(role, department, audiences), cancellationToken);
        return await AnswerAsync(result.Status, result.Errors, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var result = await RemoveMember.HandleAsync(Db, Membership, membershipId, cancellationToken);
        return await AnswerAsync(result.Status, result.Errors, cancellationToken, CommonText.Deleted);
    }

    /// <summary>
    /// The form again when a posted value could not be read (a role that is not one), so nothing is
    /// saved from a value bound to its default; 403 first for anyone who may not manage members.
    /// </summary>
    private async Task<IActionResult?> UnreadableAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        if (ModelState.IsValid)
        {
            return null;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>A change or removal: back to the list, or the list again with why it did not happen over it.</summary>
    private async Task<IActionResult> AnswerAsync(SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, CancellationToken cancellationToken, string? done = null)
    {
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        if (status == SaveStatus.Saved)
        {
            Flash(done ?? CommonText.Saved);
            return Redirect($"{Base}/members");
        }

        // The rows' forms carry no field names of their own: every message goes over the table.
        errors.Values.SelectMany(m => m).ToList().ForEach(m => ModelState.AddModelError("", m));
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Mails the invitation in its language; false when the server could not take it.</summary>
    private async Task<bool> MailAsync(Invitation invitation, string link, CancellationToken cancellationToken)
    {
        var inviter = await users.GetUserAsync(User);
        var message = InvitationMail.Compose(invitation, Organization, inviter?.DisplayName ?? "", link, InvitationMail.CultureOf(invitation.Language));
        try
        {
            await mailer.SendAsync(invitation.Email, message.Subject, message.Body, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or MailKit.Security.AuthenticationException or TimeoutException)
        {
            logger.LogWarning(e, "The invitation mail could not be sent.");
            ModelState.AddModelError("", OrganizationText.InvitationNotMailed);
            return false;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = (await ListMembers.HandleAsync(Db, cancellationToken)).Select(m => new Member(m.Membership, m.DisplayName, m.Email)).ToList();
        Invitations = await InviteMember.PendingAsync(Db, time.GetUtcNow(), cancellationToken);
    }
}
