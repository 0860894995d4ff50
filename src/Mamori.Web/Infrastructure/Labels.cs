using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Mamori.Web.Resources;

namespace Mamori.Web.Infrastructure;

/// <summary>The words the UI shows for domain values, in the current language.</summary>
public static class Labels
{
    public static string Of(MemberRole role) => role switch
    {
        MemberRole.Administrator => CommonText.RoleAdministrator,
        MemberRole.SecurityOfficer => CommonText.RoleSecurityOfficer,
        MemberRole.DepartmentManager => CommonText.RoleDepartmentManager,
        MemberRole.Employee => CommonText.RoleEmployee,
        MemberRole.Expert => CommonText.RoleExpert,
        _ => CommonText.RoleAuditor,
    };

    public static string Of(RiskTreatment treatment) => treatment switch
    {
        RiskTreatment.Reduce => RiskText.TreatmentReduce,
        RiskTreatment.Transfer => RiskText.TreatmentTransfer,
        RiskTreatment.Avoid => RiskText.TreatmentAvoid,
        _ => RiskText.TreatmentAccept,
    };

    public static string Of(TreatmentStatus status) => status switch
    {
        TreatmentStatus.NotStarted => TreatmentText.StatusNotStarted,
        TreatmentStatus.InProgress => TreatmentText.StatusInProgress,
        _ => TreatmentText.StatusDone,
    };

    public static string Of(RelationOutcome outcome) => outcome switch
    {
        RelationOutcome.Reduced => RiskText.OutcomeReduced,
        RelationOutcome.Accepted => RiskText.OutcomeAccepted,
        RelationOutcome.Transferred => RiskText.OutcomeTransferred,
        RelationOutcome.Avoided => RiskText.OutcomeAvoided,
        RelationOutcome.Unknown => RiskText.OutcomeUnknown,
        RelationOutcome.Untreated => RiskText.OutcomeUntreated,
        _ => RiskText.OutcomeIncomplete,
    };

    /// <summary>The CSS class for a band: band-high, band-medium, band-low.</summary>
    public static string CssOf(RiskBand band) => "band-" + band.ToString().ToLowerInvariant();

    public static string BandLabel(RiskBandScheme scheme, RiskBand band) => scheme.Label(band, System.Globalization.CultureInfo.CurrentUICulture);
}

/// <summary>Words for the policy set's values.</summary>
public static class PolicyLabels
{
    public static string Of(Mamori.Domain.Policies.DocumentKind kind) => kind switch
    {
        Mamori.Domain.Policies.DocumentKind.BasicPolicy => PolicyText.KindBasicPolicy,
        Mamori.Domain.Policies.DocumentKind.Standard => PolicyText.KindStandard,
        Mamori.Domain.Policies.DocumentKind.Form => PolicyText.KindForm,
        _ => PolicyText.KindProcedure,
    };

    public static string Of(Mamori.Domain.Policies.VersionStatus status) => status switch
    {
        Mamori.Domain.Policies.VersionStatus.Draft => PolicyText.StatusDraft,
        Mamori.Domain.Policies.VersionStatus.InReview => PolicyText.StatusInReview,
        Mamori.Domain.Policies.VersionStatus.Approved => PolicyText.StatusApproved,
        Mamori.Domain.Policies.VersionStatus.Published => PolicyText.StatusPublished,
        _ => PolicyText.StatusSuperseded,
    };

    /// <summary>第3版, or v3 in English.</summary>
    public static string Version(int number) => string.Format(System.Globalization.CultureInfo.CurrentCulture, PolicyText.VersionOf, number);

    public static string Audience(string audience) => audience switch
    {
        Mamori.Domain.Policies.Audiences.AllEmployees => PolicyText.AudienceAllEmployees,
        Mamori.Domain.Policies.Audiences.Executives => PolicyText.AudienceExecutives,
        Mamori.Domain.Policies.Audiences.SystemAdministrators => PolicyText.AudienceSystemAdministrators,
        Mamori.Domain.Policies.Audiences.DepartmentManagers => PolicyText.AudienceDepartmentManagers,
        Mamori.Domain.Policies.Audiences.TeleworkWorkers => PolicyText.AudienceTeleworkWorkers,
        Mamori.Domain.Policies.Audiences.SecurityStaff => PolicyText.AudienceSecurityStaff,
        _ => audience,
    };

    public static string BadgeOf(Mamori.Domain.Policies.VersionStatus status) => status switch
    {
        Mamori.Domain.Policies.VersionStatus.Draft => "text-bg-secondary",
        Mamori.Domain.Policies.VersionStatus.InReview => "text-bg-warning",
        Mamori.Domain.Policies.VersionStatus.Approved => "text-bg-info",
        Mamori.Domain.Policies.VersionStatus.Published => "text-bg-success",
        _ => "text-bg-light",
    };
}
