using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// A page under /o/{org}/. The organization and the user's membership are already checked
/// (OrganizationResolver); the page only asks whether the role allows what it does.
/// </summary>
public abstract class OrganizationPage : PageModel
{
    protected OrganizationContext Context => HttpContext.RequestServices.GetRequiredService<OrganizationContext>();

    public Organization Organization => Context.Organization;

    public Membership Membership => Context.Membership;

    /// <summary>The organization's data; nothing of another organization is reachable through it.</summary>
    protected MamoriDb Db => HttpContext.RequestServices.GetRequiredService<OrganizationData>().Db;

    protected TimeProvider Time => HttpContext.RequestServices.GetRequiredService<TimeProvider>();

    protected DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    /// <summary>The organization's base URL, e.g. /o/yamada.</summary>
    public string Base => $"/o/{Organization.Slug}";

    /// <summary>403 unless <paramref name="allowed"/>.</summary>
    protected IActionResult? Require(bool allowed) => allowed ? null : Forbid();

    protected void Flash(string message) => TempData["Flash"] = message;
}
