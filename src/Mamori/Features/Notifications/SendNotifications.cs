using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Mail;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Notifications;

/// <summary>
/// One notification run of one web node: take the lease (so one node at a time does the work),
/// find what is due in each organization, and for each notification not sent yet claim it — an
/// insert under its unique key, audited in the organization's log — then mail it and record the
/// outcome. The claim is committed before the mail goes: a second node or a restart finds the key
/// taken and sends nothing, so a notification is mailed at most once even if the lease is lost
/// mid-run.
/// </summary>
public sealed class SendNotifications(MamoriDatabase database, Mailer mailer, NotificationOptions options, TimeProvider time, string node)
{
    /// <summary>The lease's row in <see cref="SchedulerLease"/>.</summary>
    public const string LeaseName = "notifications";

    /// <summary>Who the audit log names for the claims.</summary>
    public const string ActorName = "notifications";

    /// <param name="Ran">False when there is no SMTP server or another node holds the lease.</param>
    public sealed record Outcome(bool Ran, int Sent, int Failed);

    /// <summary>The node's identity in the lease and in each claim.</summary>
    public string Node => node;

    /// <summary>A scheduled run: nothing without SMTP or without the lease.</summary>
    public async Task<Outcome> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (!mailer.IsConfigured
            || !await SchedulerLeases.TryTakeAsync(database, LeaseName, node, time.GetUtcNow(), options.Lease, cancellationToken))
        {
            return new(false, 0, 0);
        }

        return await SendDueAsync(cancellationToken);
    }

    /// <summary>Sends what is due without asking for the lease: the unique keys alone keep every notification single.</summary>
    public async Task<Outcome> SendDueAsync(CancellationToken cancellationToken = default)
    {
        if (!mailer.IsConfigured)
        {
            return new(false, 0, 0);
        }

        List<Organization> organizations;
        await using (var db = database.Open())
        {
            organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(cancellationToken);
        }

        var (sent, failed) = (0, 0);
        foreach (var organization in organizations)
        {
            var (s, f) = await SendAsync(organization, cancellationToken);
            sent += s;
            failed += f;
        }

        return new(true, sent, failed);
    }

    private Actor Actor => new(ActorName, time);

    private async Task<(int Sent, int Failed)> SendAsync(Organization organization, CancellationToken cancellationToken)
    {
        IReadOnlyList<DueNotifications.Due> due;
        Dictionary<(NotificationKind, Guid, string, string), (Guid Id, bool CanRetry)> claimed;
        await using (var db = database.Open(organization.Id, Actor))
        {
            due = await DueNotifications.ForAsync(db, organization, time.Today(organization), options, cancellationToken);
            if (due.Count == 0)
            {
                return (0, 0);
            }

            var subjects = due.Select(d => d.SubjectId).Distinct().ToList();
            claimed = (await db.SentNotifications.AsNoTracking().Where(n => subjects.Contains(n.SubjectId)).ToListAsync(cancellationToken))
                .ToDictionary(n => (n.Kind, n.SubjectId, n.Occurrence, n.RecipientId), n => (n.Id, n.CanRetry));
        }

        var (sent, failed) = (0, 0);
        foreach (var notification in due)
        {
            Guid? id = claimed.TryGetValue(notification.Key, out var earlier)
                ? earlier.CanRetry ? await RetryAsync(organization.Id, earlier.Id, cancellationToken) : null
                : await ClaimAsync(organization.Id, notification, cancellationToken);
            if (id is not { } claim)
            {
                continue;
            }

            string? error = null;
            try
            {
                await mailer.SendAsync(notification.To.Email, notification.Mail.Subject, notification.Mail.Body, cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
                failed++;
            }

            await RecordAsync(organization.Id, claim, error, cancellationToken);
        }

        return (sent, failed);
    }

    /// <summary>The new claim's id, or null when another node or an earlier run holds the key.</summary>
    private async Task<Guid?> ClaimAsync(Guid organizationId, DueNotifications.Due notification, CancellationToken cancellationToken)
    {
        await using var db = database.Open(organizationId, Actor);
        var claim = new SentNotification(organizationId, notification.Kind, notification.SubjectId, notification.To.UserId, notification.Occurrence, node, time.GetUtcNow());
        db.SentNotifications.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return claim.Id;
        }
        catch (DbUpdateException e) when (UniqueKeys.Violated(e))
        {
            return null;
        }
    }

    /// <summary>A failed notification taken for another attempt, or null when another node took it first.</summary>
    private async Task<Guid?> RetryAsync(Guid organizationId, Guid id, CancellationToken cancellationToken)
    {
        await using var db = database.Open(organizationId, Actor);
        var claim = await db.SentNotifications.SingleAsync(n => n.Id == id, cancellationToken);
        if (!claim.CanRetry)
        {
            return null;
        }

        claim.Retry(node);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
    }

    private async Task RecordAsync(Guid organizationId, Guid id, string? error, CancellationToken cancellationToken)
    {
        await using var db = database.Open(organizationId, Actor);
        var claim = await db.SentNotifications.SingleAsync(n => n.Id == id, cancellationToken);
        if (error is null)
        {
            claim.Sent(time.GetUtcNow());
        }
        else
        {
            claim.Failed(error);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }
}
