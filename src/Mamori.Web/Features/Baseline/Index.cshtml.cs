using Mamori.Features.Baseline;
using Mamori.Web.Infrastructure;

namespace Mamori.Web.Features.Baseline;

/// <summary>Lv.2 overview: each department's latest self-diagnosis side by side, combined, and the score over time.</summary>
public sealed class IndexModel : OrganizationPage
{
    public SelfDiagnosisResults.Overview? Overview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await SelfDiagnosisResults.OverviewAsync(Db, cancellationToken);
}
