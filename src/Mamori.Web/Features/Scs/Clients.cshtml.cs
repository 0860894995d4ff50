using System.Security.Claims;
using Mamori.Data;
using Mamori.Features.Organizations;
using Mamori.Features.Scs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Scs;

/// <summary>
/// For a consultant or 支援専門家 with many client companies: every organization they may read, with
/// its ★1/★2/★3 state, self-diagnosis score, level and overdue items, sortable; read in one query.
/// </summary>
public sealed class ClientsModel(MamoriDatabase database, TimeProvider time) : PageModel
{
    /// <summary>name, star, score, level or overdue.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    public IReadOnlyList<ListOrganizations.Client> Clients { get; private set; } = [];

    public int Year { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = time.Today(null);
        Year = Star3Assessment.CurrentYear(today);
        var clients = await ListOrganizations.ClientsOfAsync(database, User.FindFirstValue(ClaimTypes.NameIdentifier)!, today, Year, cancellationToken);
        Func<ListOrganizations.Client, IComparable> key = Sort switch
        {
            "star" => c => (c.Star3Confirmed ? 4 : c.Star3Started ? 3 : c.Star2 ? 2 : c.Star1 ? 1 : 0) * 1000 + c.Star3Answered,
            "score" => c => c.DiagnosisScore ?? int.MinValue,
            "level" => c => c.Level,
            "overdue" => c => c.Overdue,
            _ => c => c.Organization.Name,
        };
        Clients = (Desc ? clients.OrderByDescending(key) : clients.OrderBy(key)).ThenBy(c => c.Organization.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The link that sorts by <paramref name="column"/>, reversing the order when it is the current one.</summary>
    public string SortLink(string column) => $"/scs/clients?sort={column}&desc={(Sort == column && !Desc ? "true" : "false")}";
}
