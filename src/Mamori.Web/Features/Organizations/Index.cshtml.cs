using System.Security.Claims;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Organizations;

/// <summary>The organizations the user belongs to, each with their role.</summary>
public sealed class IndexModel(MamoriDatabase database, UserManager<MamoriUser> users) : PageModel
{
    public IReadOnlyList<ListOrganizations.MemberOf> Items { get; private set; } = [];

    public bool IsSiteAdministrator { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await ListOrganizations.ForUserAsync(database, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        IsSiteAdministrator = (await users.GetUserAsync(User))?.IsSiteAdministrator == true;
    }
}
