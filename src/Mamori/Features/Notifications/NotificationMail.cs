using System.Globalization;
using System.Resources;
using System.Text;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Treatments;
using Mamori.Resources;

namespace Mamori.Features.Notifications;

/// <summary>
/// The mails of one organization's notifications, each in the recipient's language: a short text
/// saying what happened and what to do, the page's link when a public address is configured, and
/// where to switch the notification off.
/// </summary>
public sealed class NotificationMail(Organization organization, NotificationOptions options)
{
    public sealed record Message(string Subject, string Body);

    /// <summary>The figures of the week's summary.</summary>
    public sealed record Digest(int OverdueTasks, int TasksDueSoon, int DocumentsToReview, int UnacknowledgedProcedures, int YearlyChecksDue);

    /// <summary>The text resources (Resources/NotificationText.resx, Japanese, and .en.resx).</summary>
    public static ResourceManager Text { get; } = new("Mamori.Resources.NotificationText", typeof(NotificationMail).Assembly);

    private string Base => $"/o/{organization.Slug}";

    public Message Procedure(DueNotifications.Recipient to, PolicyDocument document, DocumentVersion version, CultureInfo culture) =>
        Compose(to, culture, $"{Base}/procedures", "ProcedureSubject", "ProcedureBody", Titled(document), version.Number);

    public Message Review(DueNotifications.Recipient to, PolicyDocument document, bool overdue, CultureInfo culture) =>
        Compose(to, culture, $"{Base}/policy/{document.Id}", overdue ? "ReviewOverdueSubject" : "ReviewDueSubject", overdue ? "ReviewOverdueBody" : "ReviewDueBody",
            Titled(document), Day(document.NextReviewOn!.Value, culture));

    public Message TaskAssigned(DueNotifications.Recipient to, TreatmentTask task, CultureInfo culture) =>
        Compose(to, culture, $"{Base}/treatments/{task.Id}", "TaskAssignedSubject", "TaskAssignedBody",
            task.Title, task.DueOn is { } due ? Day(due, culture) : Text.Text("NoDueDate", culture));

    public Message TaskDue(DueNotifications.Recipient to, TreatmentTask task, bool overdue, CultureInfo culture) =>
        Compose(to, culture, $"{Base}/treatments/{task.Id}", overdue ? "TaskOverdueSubject" : "TaskDueSubject", overdue ? "TaskOverdueBody" : "TaskDueBody",
            task.Title, Day(task.DueOn!.Value, culture));

    public Message YearlyChecks(DueNotifications.Recipient to, DateOnly due, IReadOnlyList<string> criteria, bool overdue, CultureInfo culture) =>
        Compose(to, culture, $"{Base}/scs/checks", overdue ? "YearlyOverdueSubject" : "YearlyDueSubject", overdue ? "YearlyOverdueBody" : "YearlyDueBody",
            Day(due, culture), criteria.Count, string.Join(", ", criteria));

    public Message WeeklyDigest(DueNotifications.Recipient to, Digest digest, DateOnly today, CultureInfo culture) =>
        Compose(to, culture, Base, "DigestSubject", "DigestBody",
            Day(today, culture), digest.OverdueTasks, digest.TasksDueSoon, DueNotifications.TaskDays, digest.DocumentsToReview, digest.UnacknowledgedProcedures, digest.YearlyChecksDue);

    // Subject: "[organization] …"; body: greeting, the text, the link, then the footer.
    private Message Compose(DueNotifications.Recipient to, CultureInfo culture, string path, string subjectKey, string bodyKey, params object[] values)
    {
        var body = new StringBuilder()
            .AppendLine(string.Format(culture, Text.Text("Greeting", culture), to.Name.Length > 0 ? to.Name : to.Email))
            .AppendLine()
            .AppendLine(string.Format(culture, Text.Text(bodyKey, culture), [organization.Name, .. values]))
            .AppendLine();
        if (options.Link(path) is { } link)
        {
            body.AppendLine(link).AppendLine();
        }

        body.AppendLine("--").AppendLine(Text.Text("Footer", culture));
        if (options.Link("/account/notifications") is { } settings)
        {
            body.AppendLine(settings);
        }

        return new(string.Format(culture, Text.Text(subjectKey, culture), [organization.Name, .. values]), body.ToString());
    }

    private static string Titled(PolicyDocument document) => $"{document.Number} {document.Title}".Trim();

    private static string Day(DateOnly day, CultureInfo culture) => day.ToString("D", culture);
}
