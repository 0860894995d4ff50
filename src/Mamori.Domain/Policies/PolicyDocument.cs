using Mamori.Domain.Organizations;

namespace Mamori.Domain.Policies;

/// <summary>The three layers of a policy set (seed ch.7), and the forms that go with them. Stored as the integer.</summary>
public enum DocumentKind
{
    /// <summary>基本方針: the organization's declaration.</summary>
    BasicPolicy = 1,

    /// <summary>対策基準: the rules that put the policy into practice.</summary>
    Standard = 2,

    /// <summary>実施手順・運用規則: how a rule is carried out, for a given audience.</summary>
    Procedure = 3,

    /// <summary>様式: a form filled in when a rule is carried out (pledges, registers, records, reports).</summary>
    Form = 4,
}

/// <summary>
/// A document of the policy set: its identity (kind, number, title, scope, the standard a
/// procedure belongs to, its audiences, the Annex A controls it implements) and its review
/// cycle. Its text lives in versions, which are kept for ever.
/// </summary>
public sealed class PolicyDocument : IBelongsToOrganization
{
    public const int DefaultReviewMonths = 12;

    private string _title = "";

    public PolicyDocument(Guid organizationId, DocumentKind kind, string number, string title)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Kind = kind;
        Number = number;
        Title = title;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public DocumentKind Kind { get; private set; }

    /// <summary>文書番号, e.g. "1" or "3.2"; orders the documents of a kind.</summary>
    public string Number { get; set; }

    public string Title
    {
        get => _title;
        set => _title = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("A document needs a title.", nameof(value))
            : value.Trim();
    }

    /// <summary>適用範囲</summary>
    public string Scope { get; set; } = "";

    /// <summary>For a procedure: the standard it carries out.</summary>
    public Guid? StandardId { get; set; }

    /// <summary>For a procedure: who it applies to (全従業員, システム管理者, 経営者…).</summary>
    public List<string> Audiences { get; private set; } = [];

    /// <summary>Annex A controls this document implements.</summary>
    public List<string> ControlIds { get; private set; } = [];

    /// <summary>
    /// Where the document came from when Mamori generated it (e.g. "quick:ransomware"), so that a
    /// later level finds and merges it instead of writing the same rules again.
    /// </summary>
    public string SourceKey { get; set; } = "";

    /// <summary>見直し間隔 in months.</summary>
    public int ReviewIntervalMonths { get; set; } = DefaultReviewMonths;

    private DateTimeOffset? _lastApprovedAt;

    /// <summary>When the current approved text was approved (kept in UTC).</summary>
    public DateTimeOffset? LastApprovedAt
    {
        get => _lastApprovedAt;
        set => _lastApprovedAt = value?.ToUniversalTime();
    }

    /// <summary>次回見直し日</summary>
    public DateOnly? NextReviewOn { get; set; }

    public int Version { get; set; }

    /// <summary>Past its review date.</summary>
    public bool IsReviewOverdue(DateOnly today) => NextReviewOn is { } next && next < today;

    /// <summary>Due for review within <paramref name="days"/> days (or overdue).</summary>
    public bool IsReviewDue(DateOnly today, int days = 30) => NextReviewOn is { } next && next <= today.AddDays(days);
}
