using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
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

        await using var accounts = database.Open();
        foreach (var organization in await accounts.Organizations.AsNoTracking().ToListAsync(cancellationToken))
        {
            await using var scoped = database.Open(organization.Id, new Actor(user.Email, time));
            scoped.Memberships.Add(new Membership(organization.Id, user.Id, MemberRole.Administrator));
            await scoped.SaveChangesAsync(cancellationToken);
        }

        return [];
    }
}
