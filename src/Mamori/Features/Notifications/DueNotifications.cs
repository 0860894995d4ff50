using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Treatments;
using Mamori.Features.Policies;
using Mamori.Features.Scs;
using Mamori.Mail;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Notifications;

/// <summary>
/// What one organization's members should be told today, read through a context confined to that
/// organization: its recipients are its own members, so nobody hears of an organization they do not
/// belong to. Kinds the organization or the person switched off, and accounts that cannot sign in
/// (the demo's people), get nothing.
/// </summary>
public static class DueNotifications
{
    /// <summary>A task is "due soon" this many days ahead; a document or yearly check, <see cref="ReviewDays"/>.</summary>
    public const int TaskDays = 7;

    /// <summary>How far ahead a review or a yearly check is announced (as the dashboard and document list show it).</summary>
    public const int ReviewDays = 30;

    /// <summary>A member who can receive mail, in their language.</summary>
    public sealed record Recipient(string UserId, string Email, string Name, CultureInfo Culture, Membership Membership);

    /// <summary>One notification to send: its unique key and its mail.</summary>
    public sealed record Due(NotificationKind Kind, Guid SubjectId, string Occurrence, Recipient To, NotificationMail.Message Mail)
    {
        public (NotificationKind, Guid, string, string) Key => (Kind, SubjectId, Occurrence, To.UserId);
    }

    public static async Task<IReadOnlyList<Due>> ForAsync(MamoriDb db, Organization organization, DateOnly today, NotificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organization);
        var organizationOff = (await db.OrganizationNotificationSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Off ?? [];
        if (NotificationKinds.All.All(k => !organizationOff.IsOn(k)))
        {
            return [];
        }

        var recipients = await RecipientsAsync(db, cancellationToken);
        var mail = new NotificationMail(organization, options);
        var due = new List<Due>();
        void Add(NotificationKind kind, Guid subject, string occurrence, Recipient to, Func<CultureInfo, NotificationMail.Message> compose)
        {
            if (organizationOff.IsOn(kind) && recipients.Off[to.UserId].IsOn(kind))
            {
                due.Add(new Due(kind, subject, occurrence, to, compose(to.Culture)));
            }
        }

        var people = recipients.People;
        var approvers = people.Where(p => p.Membership.CanApproveDocuments).ToList();

        var unread = await UnacknowledgedAsync(db, people, cancellationToken);
        foreach (var (document, version, person) in unread)
        {
            Add(NotificationKind.ProcedurePublished, document.Id, $"published:{version.Number}", person, c => mail.Procedure(person, document, version, c));
        }

        var documents = (await DocumentStatus.ListAsync(db, today, cancellationToken, revisionChecks: false))
            .Where(d => d.Document.NextReviewOn is not null && d.Document.IsReviewDue(today, ReviewDays))
            .ToList();
        foreach (var item in documents)
        {
            var overdue = item.Document.IsReviewOverdue(today);
            var occurrence = $"{(overdue ? "overdue" : "due")}:{Iso(item.Document.NextReviewOn!.Value)}";
            approvers.ForEach(p => Add(NotificationKind.DocumentReview, item.Document.Id, occurrence, p, c => mail.Review(p, item.Document, overdue, c)));
        }

        var tasks = await db.TreatmentTasks.AsNoTracking().Where(t => t.Status != TreatmentStatus.Done && t.Owner != "").ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            if (OwnerOf(task, people) is not { } owner)
            {
                continue;
            }

            Add(NotificationKind.TreatmentTask, task.Id, "assigned", owner, c => mail.TaskAssigned(owner, task, c));
            if (task.DueOn is { } dueOn && dueOn <= today.AddDays(TaskDays))
            {
                var overdue = task.IsOverdue(today);
                Add(NotificationKind.TreatmentTask, task.Id, $"{(overdue ? "overdue" : "due")}:{Iso(dueOn)}", owner, c => mail.TaskDue(owner, task, overdue, c));
            }
        }

        var checks = await YearlyChecks.DueAsync(db, today, ReviewDays, cancellationToken);
        foreach (var group in checks.GroupBy(c => c.Check.DueOn))
        {
            var overdue = group.Key < today;
            var criteria = group.Select(c => c.Check.CriterionId).Order(StringComparer.Ordinal).ToList();
            approvers.ForEach(p => Add(NotificationKind.YearlyCheck, organization.Id, $"{(overdue ? "overdue" : "due")}:{Iso(group.Key)}", p, c => mail.YearlyChecks(p, group.Key, criteria, overdue, c)));
        }

        var digest = new NotificationMail.Digest(
            tasks.Count(t => t.IsOverdue(today)),
            tasks.Count(t => !t.IsOverdue(today) && t.DueOn is { } d && d <= today.AddDays(TaskDays)),
            documents.Count,
            unread.Count,
            checks.Count);
        var week = $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}";
        foreach (var officer in people.Where(p => p.Membership.Role == MemberRole.SecurityOfficer))
        {
            Add(NotificationKind.WeeklyDigest, organization.Id, week, officer, c => mail.WeeklyDigest(officer, digest, today, c));
        }

        return due;
    }

    /// <summary>The person a task's 担当者 names: a member's e-mail address, or the display name only one member has.</summary>
    public static Recipient? OwnerOf(TreatmentTask task, IReadOnlyList<Recipient> people)
    {
        ArgumentNullException.ThrowIfNull(task);
        var owner = task.Owner.Trim();
        if (people.FirstOrDefault(p => string.Equals(p.Email, owner, StringComparison.OrdinalIgnoreCase)) is { } byEmail)
        {
            return byEmail;
        }

        var named = people.Where(p => p.Name.Length > 0 && p.Name == owner).Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Recipients(IReadOnlyList<Recipient> People, IReadOnlyDictionary<string, List<string>> Off);

    private static async Task<Recipients> RecipientsAsync(MamoriDb db, CancellationToken cancellationToken)
    {
        var members = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var ids = members.Select(m => m.UserId).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.PasswordHash != null && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var off = await db.UserNotificationSettings.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, s => s.Off, cancellationToken);
        var people = members
            .Where(m => users.ContainsKey(m.UserId))
            .Select(m => users[m.UserId] is var u ? new Recipient(u.Id, u.Email!, u.DisplayName, InvitationMail.CultureOf(u.PreferredLanguage), m) : null!)
            .OrderBy(p => p.Email, StringComparer.Ordinal)
            .ToList();
        return new(people, people.ToDictionary(p => p.UserId, p => off.GetValueOrDefault(p.UserId) ?? []));
    }

    /// <summary>Each published procedure with each person it applies to who has not acknowledged its published version.</summary>
    private static async Task<List<(PolicyDocument Document, DocumentVersion Version, Recipient Person)>> UnacknowledgedAsync(
        MamoriDb db, IReadOnlyList<Recipient> people, CancellationToken cancellationToken)
    {
        var procedures = await db.PolicyDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.Procedure).ToListAsync(cancellationToken);
        var ids = procedures.Select(d => d.Id).ToList();
        var published = await db.DocumentVersions.AsNoTracking()
            .Where(v => ids.Contains(v.DocumentId) && v.Status == VersionStatus.Published)
            .ToListAsync(cancellationToken);
        var versionIds = published.Select(v => v.Id).ToList();
        var acknowledged = (await db.Acknowledgements.AsNoTracking()
                .Where(a => versionIds.Contains(a.VersionId))
                .Select(a => new { a.VersionId, a.UserId })
                .ToListAsync(cancellationToken))
            .Select(a => (a.VersionId, a.UserId))
            .ToHashSet();
        return [..
            from version in published
            let document = procedures.Single(d => d.Id == version.DocumentId)
            from person in people
            where Audiences.AppliesTo(document.Audiences, person.Membership.Audiences) && !acknowledged.Contains((version.Id, person.UserId))
            select (document, version, person)];
    }
}
