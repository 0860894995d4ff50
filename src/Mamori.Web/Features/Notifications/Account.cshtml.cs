using System.Security.Claims;
using Mamori.Data;
using Mamori.Features;
using Mamori.Features.Notifications;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Notifications;

/// <summary>The notifications a person receives, and the language of their mail.</summary>
public sealed class AccountModel(MamoriDb db) : PageModel
{
    public IReadOnlyList<NotificationKind> On { get; private set; } = [];

    public string Language { get; private set; } = "ja";

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        On = await SaveNotificationSettings.UserAsync(db, UserId, cancellationToken);
        Language = await db.Users.Where(u => u.Id == UserId).Select(u => u.PreferredLanguage).SingleAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "On")] List<NotificationKind> on, [FromForm(Name = "Language")] string? language, CancellationToken cancellationToken)
    {
        var status = await SaveNotificationSettings.ForUserAsync(db, UserId, on, language ?? "", cancellationToken);
        if (status == SaveStatus.NotFound)
        {
            return NotFound();
        }

        if (status == SaveStatus.Invalid)
        {
            return BadRequest();
        }

        TempData["Flash"] = CommonText.Saved;
        return RedirectToPage();
    }
}
