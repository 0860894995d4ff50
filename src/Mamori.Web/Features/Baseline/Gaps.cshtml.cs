using System.Globalization;
using Mamori.Features.Baseline;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Baseline;

/// <summary>The items below 実施している, grouped by part, each with the measure and the chapter that covers it.</summary>
public sealed class GapsModel : OrganizationPage
{
    public IReadOnlyList<SelfDiagnosisResults.Gap> Gaps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var overview = await SelfDiagnosisResults.OverviewAsync(Db, cancellationToken);
        Gaps = overview.Latest.Count == 0 ? [] : SelfDiagnosisResults.Gaps(overview.Combined, CultureInfo.CurrentUICulture);
        return Page();
    }
}
