namespace Mamori.Domain.Policies;

/// <summary>Who a procedure applies to. 全従業員 includes everyone; the others are chosen per member.</summary>
public static class Audiences
{
    /// <summary>全従業員</summary>
    public const string AllEmployees = "all-employees";

    /// <summary>経営者</summary>
    public const string Executives = "executives";

    /// <summary>システム管理者</summary>
    public const string SystemAdministrators = "system-administrators";

    /// <summary>部門責任者</summary>
    public const string DepartmentManagers = "department-managers";

    /// <summary>テレワーク勤務者</summary>
    public const string TeleworkWorkers = "telework-workers";

    /// <summary>情報セキュリティ担当者 (責任者, 部門責任者, 教育責任者)</summary>
    public const string SecurityStaff = "security-staff";

    public static IReadOnlyList<string> All { get; } = [AllEmployees, Executives, SystemAdministrators, DepartmentManagers, TeleworkWorkers, SecurityStaff];

    /// <summary>Does a procedure for <paramref name="procedureAudiences"/> apply to someone in <paramref name="memberAudiences"/>?</summary>
    public static bool AppliesTo(IEnumerable<string> procedureAudiences, IEnumerable<string> memberAudiences)
    {
        var audiences = procedureAudiences.ToList();
        return audiences.Contains(AllEmployees) || audiences.Intersect(memberAudiences).Any();
    }
}
