using System.Globalization;
using Mamori.Features.Notifications;
using Mamori.Resources;

namespace Mamori.Web.Features.Notifications;

/// <summary>The notification pages' words, from the same resources as the mails (Mamori's NotificationText), in the request's language.</summary>
public static class NotificationPageText
{
    public static string Get(string name) => NotificationMail.Text.Text(name, CultureInfo.CurrentUICulture);

    public static string Label(NotificationKind kind) => Get($"Kind{kind}");

    public static string Hint(NotificationKind kind) => string.Format(CultureInfo.CurrentUICulture, Get($"Kind{kind}Hint"),
        kind == NotificationKind.TreatmentTask ? DueNotifications.TaskDays : DueNotifications.ReviewDays);
}
