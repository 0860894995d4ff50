namespace Mamori.Domain.Organizations;

/// <summary>What a person may do in one organization.</summary>
public enum MemberRole
{
    /// <summary>管理者: everything, including members and the organization profile.</summary>
    Administrator = 1,

    /// <summary>情報セキュリティ責任者: the register, risks, treatments and (later) the policy set.</summary>
    SecurityOfficer = 2,

    /// <summary>部門責任者: reads everything, edits the assets of their own department.</summary>
    DepartmentManager = 3,

    /// <summary>従業員: reads the published procedures that apply to them.</summary>
    Employee = 4,

    /// <summary>監査人: reads everything, changes nothing.</summary>
    Auditor = 5,

    /// <summary>支援専門家: an outside expert who reads everything, writes the ★3 review and changes nothing else.</summary>
    Expert = 6,
}

/// <summary>A person's membership of an organization, with the role they hold there.</summary>
public sealed class Membership : IBelongsToOrganization
{
    public Membership(Guid organizationId, string userId, MemberRole role)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        UserId = userId;
        Role = role;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string UserId { get; private set; }

    public MemberRole Role { get; set; }

    /// <summary>The 管理部署 a 部門責任者 answers for.</summary>
    public string Department { get; set; } = "";

    /// <summary>The procedure audiences this person belongs to beyond 全従業員 (システム管理者, 経営者…).</summary>
    public List<string> Audiences { get; private set; } = [];

    /// <summary>May edit documents and submit them for review.</summary>
    public bool CanEditDocuments => CanManageRisks;

    /// <summary>May approve and publish documents (情報セキュリティ責任者 or 管理者).</summary>
    public bool CanApproveDocuments => CanManageRisks;

    /// <summary>May read the register, risks, treatments and dashboard.</summary>
    public bool CanReadRegister => Role != MemberRole.Employee;

    /// <summary>May change risks, treatments and every asset.</summary>
    public bool CanManageRisks => Role is MemberRole.Administrator or MemberRole.SecurityOfficer;

    /// <summary>May change this asset: managers of risk everywhere, a 部門責任者 in their own department.</summary>
    public bool CanEditAsset(string department) =>
        CanManageRisks || (Role == MemberRole.DepartmentManager && Department.Length > 0 && Department == department);

    /// <summary>May create assets at all (a 部門責任者 only in their own department).</summary>
    public bool CanCreateAssets => CanManageRisks || (Role == MemberRole.DepartmentManager && Department.Length > 0);

    /// <summary>Everyone answers the 自社診断 except auditors and experts, who only read.</summary>
    public bool CanAnswerDiagnosis => Role is not (MemberRole.Auditor or MemberRole.Expert);

    /// <summary>May write the expert's review of the ★3 assessment (comments, findings, confirmation, overall opinion).</summary>
    public bool CanReviewScs => Role == MemberRole.Expert;

    public bool CanReadAuditLog => Role is MemberRole.Administrator or MemberRole.Auditor;

    public bool CanAdministerOrganization => Role == MemberRole.Administrator;
}
