using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// A page under /o/{org}/. The organization and the user's membership are already checked
/// (OrganizationResolver); the page only asks whether the role allows what it does.
/// </summary>
public abstract class OrganizationPage : PageModel
{
    private OrganizationContext? _context;
    private string? _base;

    // Read once: a list page asks for these once per row.
    protected OrganizationContext Context => _context ??= HttpContext.RequestServices.GetRequiredService<OrganizationContext>();

    public Organization Organization => Context.Organization;

    public Membership Membership => Context.Membership;

    /// <summary>The organization's data; nothing of another organization is reachable through it.</summary>
    protected MamoriDb Db => HttpContext.RequestServices.GetRequiredService<OrganizationData>().Db;

    /// <summary>Figures over the organization's whole register, kept until its data changes.</summary>
    protected OrganizationSnapshots Snapshots => HttpContext.RequestServices.GetRequiredService<OrganizationSnapshots>();

    protected TimeProvider Time => HttpContext.RequestServices.GetRequiredService<TimeProvider>();

    protected DateOnly Today => Time.Today(Organization);

    /// <summary>The organization's base URL, e.g. /o/yamada.</summary>
    public string Base => _base ??= $"/o/{Organization.Slug}";

    /// <summary>403 unless <paramref name="allowed"/>.</summary>
    protected IActionResult? Require(bool allowed) => allowed ? null : Forbid();

    protected void Flash(string message) => TempData["Flash"] = message;

    /// <summary>The answer for a save that was refused outright (404, 403), or null.</summary>
    protected IActionResult? Refused(SaveStatus status) => status switch
    {
        SaveStatus.NotFound => NotFound(),
        SaveStatus.Forbidden => Forbid(),
        _ => null,
    };

    /// <summary>
    /// Shows why a save did not happen: a conflict as one message over the form (the caller then
    /// reloads the latest values), field errors beside their fields under <paramref name="prefix"/>.
    /// </summary>
    protected void ShowProblems(SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, string prefix, Func<string, string>? fieldName = null)
    {
        if (status == SaveStatus.Conflict)
        {
            ModelState.Clear();
            ModelState.AddModelError("", CommonText.ConcurrencyConflict);
            return;
        }

        foreach (var (field, messages) in errors)
        {
            messages.ForEach(m => ModelState.AddModelError($"{prefix}.{fieldName?.Invoke(field) ?? field}", m));
        }
    }
}
