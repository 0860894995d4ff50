using System.Security.Claims;
using Mamori.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Home;

/// <summary>The front door: straight to the user's organization when there is exactly one, else the list.</summary>
public sealed class IndexModel(MamoriDatabase database) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var slugs = await Mamori.Features.Organizations.ListOrganizations.ForUserAsync(database, userId, cancellationToken);
        return slugs.Count == 1 ? Redirect($"/o/{slugs[0].Organization.Slug}") : Redirect("/orgs");
    }
}
