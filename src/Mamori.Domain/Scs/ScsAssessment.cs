using Mamori.Domain.Organizations;

namespace Mamori.Domain.Scs;

/// <summary>An answer to one ★3 criterion (サプライチェーン強化に向けたセキュリティ対策評価制度).</summary>
public enum ScsAnswerStatus
{
    /// <summary>未回答: the criterion shows a proposal, if Mamori has one.</summary>
    Unanswered = 0,

    /// <summary>実施している</summary>
    Met = 1,

    /// <summary>一部実施している</summary>
    Partial = 2,

    /// <summary>実施していない</summary>
    NotMet = 3,

    /// <summary>該当しない (always with a reason)</summary>
    NotApplicable = 4,
}

/// <summary>Where the expert's review of one criterion stands: 依頼 → 指摘 → 対応 → 確認済.</summary>
public enum ScsReviewState
{
    /// <summary>Not yet asked.</summary>
    None = 0,

    /// <summary>依頼: the organization asks the expert to look.</summary>
    Requested = 1,

    /// <summary>指摘: the expert found something to fix or explain.</summary>
    Raised = 2,

    /// <summary>対応: the organization answered the finding.</summary>
    Addressed = 3,

    /// <summary>確認済: the expert confirmed the answer.</summary>
    Confirmed = 4,
}

/// <summary>
/// One organization's ★3 self-assessment for one fiscal year (年度, April to March). Earlier
/// years are kept as they were; the answers, evidence and review belong to the year.
/// </summary>
public sealed class ScsAssessment : IBelongsToOrganization
{
    public const int MaxNameLength = 200;

    public ScsAssessment(Guid organizationId, int year, DateTimeOffset startedAt, string startedBy)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Year = year;
        StartedAt = startedAt.ToUniversalTime();
        StartedBy = startedBy;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The fiscal year, e.g. 2026 for 2026年度 (April 2026 to March 2027).</summary>
    public int Year { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedBy { get; private set; }

    /// <summary>The representative who signs the 自己適合宣言書.</summary>
    public string RepresentativeName { get; set; } = "";

    /// <summary>The representative's title (代表取締役…).</summary>
    public string RepresentativeTitle { get; set; } = "";

    public int Version { get; set; }

    /// <summary>The fiscal year (年度) a day falls in: April to March.</summary>
    public static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;
}

/// <summary>The organization's answer to one criterion of an assessment, with what it rests on.</summary>
public sealed class ScsAnswer : IBelongsToOrganization
{
    public const int MaxTextLength = 2000;

    public ScsAnswer(Guid organizationId, Guid assessmentId, string criterionId)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        AssessmentId = assessmentId;
        CriterionId = criterionId;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid AssessmentId { get; private set; }

    /// <summary>The criterion's id, e.g. "4-1-3-4".</summary>
    public string CriterionId { get; private set; }

    public ScsAnswerStatus Status { get; set; }

    /// <summary>Why the criterion does not apply (required for 該当しない).</summary>
    public string Reason { get; set; } = "";

    public string Note { get; set; } = "";

    /// <summary>What the answer came from: the grounds of a confirmed proposal, or empty when typed by hand.</summary>
    public string Source { get; set; } = "";

    /// <summary>Evidence inside Mamori: "document:{id}" for a policy document, "register:{name}" for a register.</summary>
    public List<string> Links { get; private set; } = [];

    /// <summary>The treatment task made from this gap, if any.</summary>
    public Guid? TaskId { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string AnsweredBy { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>A file kept as evidence for one criterion of one assessment.</summary>
public sealed class ScsEvidenceFile : IBelongsToOrganization
{
    public ScsEvidenceFile(Guid organizationId, Guid assessmentId, string criterionId, string fileName, string contentType, byte[] content, DateTimeOffset uploadedAt, string uploadedBy)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        AssessmentId = assessmentId;
        CriterionId = criterionId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        UploadedAt = uploadedAt.ToUniversalTime();
        UploadedBy = uploadedBy;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string CriterionId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public int Size { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; }
}

/// <summary>
/// One step of the expert's review: a comment with the state it moves the criterion to. The
/// criterion's state is its latest step's; the steps are its history. A step with no criterion
/// is the expert's overall opinion of the assessment.
/// </summary>
public sealed class ScsReviewNote : IBelongsToOrganization
{
    public ScsReviewNote(Guid organizationId, Guid assessmentId, string criterionId, ScsReviewState state, string text, DateTimeOffset writtenAt, string writtenBy)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        AssessmentId = assessmentId;
        CriterionId = criterionId;
        State = state;
        Text = text;
        WrittenAt = writtenAt.ToUniversalTime();
        WrittenBy = writtenBy;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid AssessmentId { get; private set; }

    /// <summary>The criterion, or "" for the overall opinion.</summary>
    public string CriterionId { get; private set; }

    public ScsReviewState State { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }

    public string WrittenBy { get; private set; }

    /// <summary>The steps each side may take from a state: the organization asks and answers, the expert raises and confirms.</summary>
    public static bool CanMove(ScsReviewState from, ScsReviewState to, bool byExpert) => (from, to, byExpert) switch
    {
        (ScsReviewState.None or ScsReviewState.Confirmed, ScsReviewState.Requested, false) => true,
        (ScsReviewState.Raised, ScsReviewState.Addressed, false) => true,
        (ScsReviewState.Requested or ScsReviewState.Addressed, ScsReviewState.Raised or ScsReviewState.Confirmed, true) => true,
        _ => false,
    };
}

/// <summary>
/// A yearly check a criterion asks for (体制の確認, ルール遵守の確認…): due on a date; done by
/// someone, on a day, with what they found. Completing one opens the next, a year later.
/// </summary>
public sealed class ScsYearlyCheck : IBelongsToOrganization
{
    public ScsYearlyCheck(Guid organizationId, string criterionId, DateOnly dueOn)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        CriterionId = criterionId;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string CriterionId { get; private set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string CompletedBy { get; set; } = "";

    /// <summary>What the check found (and what was changed because of it).</summary>
    public string Findings { get; set; } = "";

    public int Version { get; set; }

    public bool IsOverdue(DateOnly today) => CompletedAt is null && DueOn < today;
}
