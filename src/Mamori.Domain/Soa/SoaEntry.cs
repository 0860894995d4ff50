using Mamori.Domain.Organizations;

namespace Mamori.Domain.Soa;

/// <summary>適用 or 除外 in the Statement of Applicability; undecided until the organization says.</summary>
public enum Applicability
{
    Undecided = 0,
    Applicable = 1,
    Excluded = 2,
}

/// <summary>実施状況 of a control.</summary>
public enum ImplementationStatus
{
    /// <summary>未着手</summary>
    NotStarted = 0,

    /// <summary>計画中</summary>
    Planned = 1,

    /// <summary>一部実施</summary>
    Partial = 2,

    /// <summary>実施済</summary>
    Implemented = 3,
}

/// <summary>
/// The organization's decision on one Annex A control. Only decided controls are stored; the
/// Statement of Applicability always lists all 93, undecided ones with proposals.
/// </summary>
public sealed class SoaEntry : IBelongsToOrganization
{
    public const int MaxJustificationLength = 2000;

    public SoaEntry(Guid organizationId, string controlId)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        ControlId = controlId;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>Annex A id, e.g. "8.13".</summary>
    public string ControlId { get; private set; }

    public Applicability Applicability { get; set; }

    /// <summary>Why included (risks, legal or contractual requirement, business need) or why excluded.</summary>
    public string Justification { get; set; } = "";

    public ImplementationStatus Status { get; set; }

    /// <summary>Who is responsible for the control (a role or a person).</summary>
    public string Owner { get; set; } = "";

    /// <summary>Where the evidence is and what it shows.</summary>
    public string EvidenceNotes { get; set; } = "";

    public DateTimeOffset? DecidedAt { get; set; }

    public string DecidedBy { get; set; } = "";
}

/// <summary>A file attached to a control as evidence, stored with the organization's data.</summary>
public sealed class SoaEvidenceFile : IBelongsToOrganization
{
    /// <summary>5 MB: a scan, a screenshot or a spreadsheet, not an archive of everything.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public SoaEvidenceFile(Guid organizationId, string controlId, string fileName, string contentType, byte[] content, DateTimeOffset uploadedAt, string uploadedBy)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        ControlId = controlId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        UploadedAt = uploadedAt.ToUniversalTime();
        UploadedBy = uploadedBy;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string ControlId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public int Size { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; }
}
