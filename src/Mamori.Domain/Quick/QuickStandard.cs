namespace Mamori.Domain.Quick;

/// <summary>The four measure sections of a Lv.1 standard (after 1 対象とする脅威).</summary>
public enum MeasureSection
{
    /// <summary>2 組織的対策</summary>
    Organizational = 2,

    /// <summary>3 人的対策</summary>
    People = 3,

    /// <summary>4 物理的対策</summary>
    Physical = 4,

    /// <summary>5 技術的対策</summary>
    Technological = 5,
}

/// <summary>Who carries out a procedure (the roles table's keys, plus everyone and management).</summary>
public static class ProcedureRoles
{
    public const string SecurityOfficer = "security_officer";
    public const string DepartmentSecurityManager = "department_security_manager";
    public const string SystemAdministrator = "system_administrator";
    public const string EducationOfficer = "education_officer";
    public const string AllEmployees = "all_employees";
    public const string Executives = "executives";
}

/// <summary>A 実施手順 template: who does what, when, how it is checked, and the record it leaves.</summary>
public sealed record ProcedureTemplate(string Role, string What, string When, string Check, string Record);

/// <summary>One measure of a standard: a checkable rule, the Annex A controls it implements, and its procedures.</summary>
public sealed record Measure(string Id, MeasureSection Section, string Text, IReadOnlyList<string> ControlIds, IReadOnlyList<ProcedureTemplate> Procedures);

/// <summary>The 対策基準 template for one top-10 threat topic, in the seed's five sections.</summary>
public sealed record QuickStandard(string TopicId, string Title, string Threat, IReadOnlyList<Measure> Measures);

/// <summary>An incident case: what happened to a company like the user's, why, and what would have prevented it.</summary>
public sealed record IncidentCase(
    string Id,
    string Title,
    string Industry,
    string Size,
    string Damage,
    string Cause,
    IReadOnlyList<string> TopicIds,
    IReadOnlyList<string> ThreatIds,
    IReadOnlyList<string> Assets,
    IReadOnlyList<string> VulnerabilityIds,
    IReadOnlyList<string> ControlIds);
