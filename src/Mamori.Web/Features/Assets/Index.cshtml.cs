using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Assets;

/// <summary>
/// The register: keyword search, filters, sorting and paging, all done by the database
/// (on indexed columns) so that it stays fast at tens of thousands of assets.
/// </summary>
public sealed class IndexModel : OrganizationPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Importance { get; set; }

    /// <summary>1–3, or 0 for assets whose likelihood is not assessed yet.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Likelihood { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "category";

    // "page" is taken by Razor Pages' own route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<InformationAsset> Assets { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasFilter => !string.IsNullOrEmpty(Q) || !string.IsNullOrEmpty(Category) || !string.IsNullOrEmpty(Department) || Importance is not null || Likelihood is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var register = await Snapshots.RegisterAsync(Db, cancellationToken);
        (Categories, Departments) = (register.Categories, register.Departments);
        var query = Filter(Db.Assets.AsNoTracking());
        Total = HasFilter ? await query.CountAsync(cancellationToken) : register.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Assets = await Order(query).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>This list's URL with some parameters changed.</summary>
    public string PageUrl(string? sort = null, int? page = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["category"] = Category,
            ["department"] = Department,
            ["importance"] = Importance?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["likelihood"] = Likelihood?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sort"] = sort ?? Sort,
            ["p"] = (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString($"{Base}/assets", parameters.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private IQueryable<InformationAsset> Filter(IQueryable<InformationAsset> query)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(a => a.Name.Contains(q) || a.Notes.Contains(q) || a.BusinessCategory.Contains(q) || a.Department.Contains(q));
        }

        if (!string.IsNullOrEmpty(Category))
        {
            query = query.Where(a => a.BusinessCategory == Category);
        }

        if (!string.IsNullOrEmpty(Department))
        {
            query = query.Where(a => a.Department == Department);
        }

        if (Importance is { } importance)
        {
            query = query.Where(a => EF.Property<int>(a, MamoriDb.StoredImportance) == importance);
        }

        if (Likelihood is 0)
        {
            query = query.Where(a => a.Likelihood == null);
        }
        else if (Likelihood is { } likelihood && Domain.Risk.Rating.TryFrom(likelihood, out var rating))
        {
            query = query.Where(a => a.Likelihood == rating);
        }

        return query;
    }

    private IQueryable<InformationAsset> Order(IQueryable<InformationAsset> query) => Sort switch
    {
        "name" => query.OrderBy(a => a.Name).ThenBy(a => a.Id),
        "-name" => query.OrderByDescending(a => a.Name).ThenBy(a => a.Id),
        "department" => query.OrderBy(a => a.Department).ThenBy(a => a.Name).ThenBy(a => a.Id),
        "-department" => query.OrderByDescending(a => a.Department).ThenBy(a => a.Name).ThenBy(a => a.Id),
        "importance" => query.OrderBy(a => EF.Property<int>(a, MamoriDb.StoredImportance)).ThenBy(a => a.Name).ThenBy(a => a.Id),
        "-importance" => query.OrderByDescending(a => EF.Property<int>(a, MamoriDb.StoredImportance)).ThenBy(a => a.Name).ThenBy(a => a.Id),
        "risk" => query.OrderBy(a => EF.Property<int?>(a, MamoriDb.StoredRiskValue)).ThenBy(a => a.Name).ThenBy(a => a.Id),
        "-risk" => query.OrderByDescending(a => EF.Property<int?>(a, MamoriDb.StoredRiskValue)).ThenBy(a => a.Name).ThenBy(a => a.Id),
        "-category" => query.OrderByDescending(a => a.BusinessCategory).ThenBy(a => a.Name).ThenBy(a => a.Id),
        _ => query.OrderBy(a => a.BusinessCategory).ThenBy(a => a.Name).ThenBy(a => a.Id),
    };
}
