using System.Security.Claims;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Organizations;

/// <summary>The organizations the user belongs to, each with their role.</summary>
public sealed class IndexModel(MamoriDatabase database, UserManager<MamoriUser> users) : PageModel
{
    public sealed record Item(Organization Organization, MemberRole Role);

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public bool IsSiteAdministrator { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await OrganizationsOfAsync(database, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        IsSiteAdministrator = (await users.GetUserAsync(User))?.IsSiteAdministrator == true;
    }

    /// <summary>
    /// The organizations a user is a member of. Memberships are read one organization at a
    /// time through contexts confined to it, like every other organization read.
    /// </summary>
    public static async Task<IReadOnlyList<Item>> OrganizationsOfAsync(MamoriDatabase database, string userId, CancellationToken cancellationToken)
    {
        await using var accounts = database.Open();
        var organizations = await accounts.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var items = new List<Item>();
        foreach (var organization in organizations)
        {
            await using var scoped = database.Open(organization.Id);
            var membership = await scoped.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
            if (membership is not null)
            {
                items.Add(new(organization, membership.Role));
            }
        }

        return items;
    }
}
