using Mamori.Domain.Organizations;

namespace Mamori.Features.Notifications;

/// <summary>
/// One notification of one event to one person, claimed before its mail is sent. Its key —
/// organization, kind, subject, recipient, occurrence — is unique in the database, so a second web
/// node or a restarted one that finds the same event due cannot claim it again: the insert fails
/// and nothing is sent. A claim whose mail failed is kept with the error and retried a few times;
/// a claim with neither (the process stopped while sending) is never retried, so no mail goes twice.
/// </summary>
public sealed class SentNotification : IBelongsToOrganization
{
    /// <summary>How many times a mail is tried before its notification is given up.</summary>
    public const int MaxAttempts = 3;

    public const int MaxOccurrenceLength = 64;

    public const int MaxErrorLength = 500;

    // For EF Core, which sets the properties itself.
    private SentNotification()
    {
        RecipientId = Occurrence = ClaimedBy = Error = "";
    }

    public SentNotification(Guid organizationId, NotificationKind kind, Guid subjectId, string recipientId, string occurrence, string node, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Kind = kind;
        SubjectId = subjectId;
        RecipientId = recipientId;
        Occurrence = occurrence;
        ClaimedBy = node;
        ClaimedAt = now.ToUniversalTime();
        Attempts = 1;
        Error = "";
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>What the notification is about: a document, a task, or the organization itself (yearly checks, the digest).</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>The account it was sent to.</summary>
    public string RecipientId { get; private set; }

    /// <summary>Which occurrence of the event: "published:3" (a version), "due:2026-12-10", "overdue:…", "assigned", "2026-W49".</summary>
    public string Occurrence { get; private set; }

    /// <summary>The web node that claimed it.</summary>
    public string ClaimedBy { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Why the last attempt failed; empty once sent.</summary>
    public string Error { get; private set; }

    /// <summary>Bumped on every change: two nodes retrying one failed mail cannot both save.</summary>
    public int Version { get; private set; }

    /// <summary>Failed, and worth another try.</summary>
    public bool CanRetry => SentAt is null && Error.Length > 0 && Attempts < MaxAttempts;

    public void Sent(DateTimeOffset now)
    {
        SentAt = now.ToUniversalTime();
        Error = "";
    }

    public void Failed(string error) => Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;

    /// <summary>Takes a failed notification for another attempt.</summary>
    public void Retry(string node)
    {
        ClaimedBy = node;
        Attempts++;
        Error = "";
    }
}
