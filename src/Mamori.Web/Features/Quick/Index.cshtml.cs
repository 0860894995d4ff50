using System.Globalization;
using Mamori.Features.Quick;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Quick;

/// <summary>Lv.1 step 1: the year's top-10 threats ranked for this organization, with cases like theirs.</summary>
public sealed class IndexModel : OrganizationPage
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public List<RankThreats.Ranked> Ranked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        Ranked = [.. await RankThreats.HandleAsync(Db, Organization, Year, CultureInfo.CurrentUICulture, cancellationToken)];
        Year = Ranked.Count > 0 ? Ranked[0].Entry.Year : Year;
        return Page();
    }
}
