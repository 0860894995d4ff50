using System.Globalization;
using Mamori.Accounts;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Organizations;

/// <summary>The organization's members and their roles, managed by its 管理者.</summary>
public sealed class MembersModel(UserManager<MamoriUser> users, TimeProvider time) : OrganizationPage
{
    public sealed record Member(Membership Membership, string DisplayName, string Email);

    [BindProperty]
    public AddMember.Request Add { get; set; } = new();

    public IReadOnlyList<Member> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (await UnreadableAsync(cancellationToken) is { } unreadable)
        {
            return unreadable;
        }

        var result = await AddMember.HandleAsync(Db, Membership, users, Add, time.GetUtcNow(), cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(string.Format(CultureInfo.CurrentCulture, OrganizationText.MemberAdded, Add.Email!.Trim()));
            return Redirect($"{Base}/members");
        }

        ShowProblems(result.Status, result.Errors, nameof(Add));
        await LoadAsync(cancellationToken);
        return Page();
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var memberships = await Db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var ids = memberships.Select(m => m.UserId).ToList();
        var people = await users.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        Members = memberships
            .Select(m => new Member(m, people.GetValueOrDefault(m.UserId)?.DisplayName ?? "", people.GetValueOrDefault(m.UserId)?.Email ?? ""))
            .OrderBy(m => m.Membership.Role).ThenBy(m => m.Email)
            .ToList();
    }
}
