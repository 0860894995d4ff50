using Mamori.Web.Infrastructure;

namespace Mamori.Web.Features.Baseline;

/// <summary>The baseline sources of the seed (cloud, telework, NISC handbook, the 規程 chapters): 対象者, 目的, 使い方 and items.</summary>
public sealed class ChecklistsModel : OrganizationPage
{
    public void OnGet()
    {
    }
}
