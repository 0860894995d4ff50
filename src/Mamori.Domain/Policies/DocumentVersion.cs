using Mamori.Domain.Organizations;

namespace Mamori.Domain.Policies;

/// <summary>Where a version stands: 下書き → レビュー中 → 承認済 → 公開, and 旧版 once replaced.</summary>
public enum VersionStatus
{
    /// <summary>下書き</summary>
    Draft = 1,

    /// <summary>レビュー中</summary>
    InReview = 2,

    /// <summary>承認済</summary>
    Approved = 3,

    /// <summary>公開</summary>
    Published = 4,

    /// <summary>旧版: a published version replaced by a newer one. Kept for the revision history.</summary>
    Superseded = 5,
}

/// <summary>
/// One version of a document's text (Markdown with placeholders such as
/// <c>{{ organization.name }}</c>). A version moves only forward through its statuses; what it
/// said and who approved it are never changed afterwards.
/// </summary>
public sealed class DocumentVersion : IBelongsToOrganization
{
    public DocumentVersion(Guid organizationId, Guid documentId, int number, string body, string author, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        DocumentId = documentId;
        Number = number;
        Body = body;
        Author = author;
        CreatedAt = createdAt.ToUniversalTime();
        Status = VersionStatus.Draft;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid DocumentId { get; private set; }

    /// <summary>第 N 版</summary>
    public int Number { get; private set; }

    public VersionStatus Status { get; private set; }

    /// <summary>The text in Markdown.</summary>
    public string Body { get; private set; }

    /// <summary>改訂内容: what changed in this version.</summary>
    public string Summary { get; set; } = "";

    public string Author { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>
    /// The rule values ({{ rules.KEY }}) this version was approved with, for the keys its text uses:
    /// the organization's setting at approval, "" where it took the default. Empty until approved;
    /// an approved or published version is read with these, a draft with the current values.
    /// </summary>
    public Dictionary<string, string> RuleValues { get; private set; } = [];

    public bool IsEditable => Status == VersionStatus.Draft;

    /// <summary>Changes the text of a draft; any other version is fixed.</summary>
    public void Edit(string body, string author)
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException($"Version {Number} is {Status}; only a draft can be edited.");
        }

        Body = body;
        Author = author;
    }

    /// <summary>下書き → レビュー中</summary>
    public void SubmitForReview() => Move(VersionStatus.Draft, VersionStatus.InReview);

    /// <summary>レビュー中 → 下書き, when the reviewer sends it back.</summary>
    public void ReturnToDraft() => Move(VersionStatus.InReview, VersionStatus.Draft);

    /// <summary>レビュー中 → 承認済, recording the approver and the rule values approved with the text.</summary>
    /// <param name="ruleValues">The organization's setting of each rule value the text uses ("" for the default).</param>
    public void Approve(string approver, DateTimeOffset at, IReadOnlyDictionary<string, string>? ruleValues = null)
    {
        Move(VersionStatus.InReview, VersionStatus.Approved);
        ApprovedBy = approver;
        ApprovedAt = at.ToUniversalTime();
        RuleValues = ruleValues is null ? [] : new Dictionary<string, string>(ruleValues, StringComparer.Ordinal);
    }

    /// <summary>承認済 → 公開</summary>
    public void Publish(DateTimeOffset at)
    {
        Move(VersionStatus.Approved, VersionStatus.Published);
        PublishedAt = at.ToUniversalTime();
    }

    /// <summary>公開 → 旧版, when a newer version is published.</summary>
    public void Supersede() => Move(VersionStatus.Published, VersionStatus.Superseded);

    private void Move(VersionStatus from, VersionStatus to)
    {
        if (Status != from)
        {
            throw new InvalidOperationException($"Version {Number} is {Status}, not {from}; it cannot become {to}.");
        }

        Status = to;
    }
}
