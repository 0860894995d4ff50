using Mamori.Domain.Organizations;

namespace Mamori.Domain.Treatments;

/// <summary>Where a task of the treatment plan stands.</summary>
public enum TreatmentStatus
{
    /// <summary>未着手</summary>
    NotStarted = 1,

    /// <summary>実施中</summary>
    InProgress = 2,

    /// <summary>完了</summary>
    Done = 3,
}

/// <summary>A task of the 対策実施計画: a control to put in place for a risk, by someone, by a date.</summary>
public sealed class TreatmentTask : IBelongsToOrganization
{
    private string _title = "";

    public TreatmentTask(Guid organizationId, string title)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Title = title;
        Status = TreatmentStatus.NotStarted;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The risk this task treats, if it came from one.</summary>
    public Guid? RiskScenarioId { get; set; }

    /// <summary>The Annex A control the task puts in place, if any.</summary>
    public string? ControlId { get; set; }

    public string Title
    {
        get => _title;
        set => _title = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("A task needs a title.", nameof(value))
            : value.Trim();
    }

    /// <summary>担当者</summary>
    public string Owner { get; set; } = "";

    /// <summary>期限</summary>
    public DateOnly? DueOn { get; set; }

    public TreatmentStatus Status { get; set; }

    public string Notes { get; set; } = "";

    public int Version { get; set; }

    /// <summary>Past its due date and not done.</summary>
    public bool IsOverdue(DateOnly today) => Status != TreatmentStatus.Done && DueOn is { } due && due < today;
}
