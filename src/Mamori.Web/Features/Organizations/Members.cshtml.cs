using System.Globalization;
using Mamori.Accounts;
using Mamori.Domain.Organizations;
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

    public sealed class AddInput
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public MemberRole Role { get; set; } = MemberRole.Employee;

        public string? Department { get; set; }

        public string? Password { get; set; }
    }

    [BindProperty]
    public AddInput Add { get; set; } = new();

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
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        var email = (Add.Email ?? "").Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            ModelState.AddModelError("Add.Email", AccountText.EmailInvalid);
        }

        if (Add.Role == MemberRole.DepartmentManager && string.IsNullOrWhiteSpace(Add.Department))
        {
            ModelState.AddModelError("Add.Department", OrganizationText.DepartmentRequired);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(Add.Password))
            {
                ModelState.AddModelError("Add.Password", OrganizationText.MemberNeedsPassword);
                await LoadAsync(cancellationToken);
                return Page();
            }

            user = new MamoriUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(Add.DisplayName) ? email : Add.DisplayName.Trim(),
                CreatedAt = time.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, Add.Password);
            if (!created.Succeeded)
            {
                created.Errors.ToList().ForEach(e => ModelState.AddModelError("Add.Password", e.Description));
                await LoadAsync(cancellationToken);
                return Page();
            }
        }
        else if (await Db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            ModelState.AddModelError("Add.Email", OrganizationText.MemberExists);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Db.Memberships.Add(new Membership(Organization.Id, user.Id, Add.Role) { Department = (Add.Department ?? "").Trim() });
        await Db.SaveChangesAsync(cancellationToken);
        Flash(string.Format(CultureInfo.CurrentCulture, OrganizationText.MemberAdded, email));
        return Redirect($"{Base}/members");
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid membershipId, MemberRole role, string? department, List<string> audiences, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        var membership = await Db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        if (role == MemberRole.DepartmentManager && string.IsNullOrWhiteSpace(department))
        {
            ModelState.AddModelError("", OrganizationText.DepartmentRequired);
        }
        else if (membership.Role == MemberRole.Administrator && role != MemberRole.Administrator && await IsLastAdministratorAsync(cancellationToken))
        {
            ModelState.AddModelError("", OrganizationText.LastAdministrator);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        membership.Role = role;
        membership.Department = (department ?? "").Trim();
        membership.Audiences.Clear();
        membership.Audiences.AddRange(audiences.Where(a => Mamori.Domain.Policies.Audiences.All.Contains(a)).Distinct());
        await Db.SaveChangesAsync(cancellationToken);
        Flash(CommonText.Saved);
        return Redirect($"{Base}/members");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        var membership = await Db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        if (membership.Role == MemberRole.Administrator && await IsLastAdministratorAsync(cancellationToken))
        {
            ModelState.AddModelError("", OrganizationText.LastAdministrator);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Db.Memberships.Remove(membership);
        await Db.SaveChangesAsync(cancellationToken);
        Flash(CommonText.Deleted);
        return Redirect($"{Base}/members");
    }

    private async Task<bool> IsLastAdministratorAsync(CancellationToken cancellationToken) =>
        await Db.Memberships.CountAsync(m => m.Role == MemberRole.Administrator, cancellationToken) <= 1;

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
