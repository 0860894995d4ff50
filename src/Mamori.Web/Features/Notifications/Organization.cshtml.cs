using Mamori.Features;
using Mamori.Features.Notifications;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Notifications;

/// <summary>The organization's notifications, switched per kind by its administrator.</summary>
public sealed class OrganizationModel : OrganizationPage
{
    public IReadOnlyList<NotificationKind> On { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        On = await SaveNotificationSettings.OrganizationAsync(Db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "On")] List<NotificationKind> on, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        if (Refused(await SaveNotificationSettings.ForOrganizationAsync(Db, Membership, on, cancellationToken)) is { } refused)
        {
            return refused;
        }

        Flash(CommonText.Saved);
        return Redirect($"{Base}/notifications");
    }
}
