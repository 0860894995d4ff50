using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Setup;

/// <summary>
/// Creates the installation's first account: a site administrator who becomes 管理者 of
/// every organization that already exists (the demo one, or the one created with it).
/// </summary>
public sealed class FirstAdministrator(UserManager<MamoriUser> users, MamoriDatabase database, TimeProvider time)
{
    /// <summary>Identity's errors, if the account could not be made; nothing when an account already exists.</summary>
    public async Task<IReadOnlyList<string>> CreateIfNoneAsync(string email, string displayName, string password, CancellationToken cancellationToken)
    {
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return [];
        }

        var user = new MamoriUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            IsSiteAdministrator = true,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        // One write per organization: each one's audit log records its new administrator, through a
        // context confined to it. This runs once, on an installation that has no account yet.
        foreach (var organizationId in await ListOrganizations.AllIdsAsync(database, cancellationToken))
        {
            await using var db = database.Open(organizationId, new Actor(user.Email, time));
            db.Memberships.Add(new Membership(organizationId, user.Id, MemberRole.Administrator));
            await db.SaveChangesAsync(cancellationToken);
        }

        return [];
    }
}
