namespace Mamori.Features.Notifications;

/// <summary>
/// What Mamori mails about. Each kind is switched on or off per organization (by its administrator)
/// and per person (on their account page); all are on until someone switches one off.
/// </summary>
public enum NotificationKind
{
    /// <summary>A procedure that applies to the person was published and waits for their acknowledgement.</summary>
    ProcedurePublished = 1,

    /// <summary>A document of the policy set is due or overdue for review (to those who approve documents).</summary>
    DocumentReview = 2,

    /// <summary>A treatment task was given to the person, is due within 7 days, or is overdue.</summary>
    TreatmentTask = 3,

    /// <summary>The ★3 yearly checks are due or overdue (to those who complete them).</summary>
    YearlyCheck = 4,

    /// <summary>The week's summary, for the 情報セキュリティ責任者.</summary>
    WeeklyDigest = 5,
}

/// <summary>The kinds in the order pages list them.</summary>
public static class NotificationKinds
{
    public static IReadOnlyList<NotificationKind> All { get; } = Enum.GetValues<NotificationKind>();

    /// <summary>The kinds a list of switched-off names leaves on.</summary>
    public static bool IsOn(this IReadOnlyCollection<string> off, NotificationKind kind) => !off.Contains(kind.ToString());

    /// <summary>The stored form of a choice: the names of the kinds switched off, in order.</summary>
    public static List<string> OffOf(IEnumerable<NotificationKind> on)
    {
        var chosen = on.ToHashSet();
        return [.. All.Where(k => !chosen.Contains(k)).Select(k => k.ToString())];
    }
}
