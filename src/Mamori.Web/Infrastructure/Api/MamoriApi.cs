using Mamori.Web.Features.Assets;
using Mamori.Web.Features.Audit;
using Mamori.Web.Features.Baseline;
using Mamori.Web.Features.Catalog;
using Mamori.Web.Features.Inventories;
using Mamori.Web.Features.Levels;
using Mamori.Web.Features.Organizations;
using Mamori.Web.Features.Policies;
using Mamori.Web.Features.Quick;
using Mamori.Web.Features.Risks;
using Mamori.Web.Features.Scs;
using Mamori.Web.Features.RuleValues;
using Mamori.Web.Features.Soa;
using Mamori.Web.Features.Treatments;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>
/// The REST API under /api/v1: organizations, assets, risk scenarios, treatments, documents, the SoA, the rule values and
/// catalogs, each mapped by its feature. Every path needs a personal access token or a browser session;
/// another organization's ids answer 404 (OrganizationResolver, from {org}), a role that does not allow
/// the action 403.
/// </summary>
public static class MamoriApi
{
    /// <summary>The authorization policy of every API path: a signed-in browser or a personal access token.</summary>
    public const string Policy = "api";

    public static void MapMamoriApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policy)
            .AddEndpointFilter<CookieWritesNeedAntiforgery>()
            .DisableAntiforgery();

        api.MapOrganizationsApi();

        var org = api.MapGroup("/organizations/{org}");
        org.MapAssetsApi();
        org.MapRisksApi();
        org.MapTreatmentsApi();
        org.MapPoliciesApi();
        org.MapSoaApi();
        org.MapScsApi();
        org.MapLevelsApi();
        org.MapRuleValuesApi();
        org.MapQuickApi();
        org.MapRegisterImportApi();
        org.MapPolicyWritesApi();
        org.MapPolicyVersionsApi();
        org.MapAcknowledgementsApi();
        org.MapRolesApi();
        org.MapDiagnosisApi();
        org.MapMembersApi();
        org.MapAuditApi();
        org.MapQuickFlowApi();
        org.MapBaselineApi();
        org.MapInventoriesApi();

        api.MapCatalogApi();
    }
}
