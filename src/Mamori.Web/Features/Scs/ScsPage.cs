using Mamori.Features.Scs;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Scs;

/// <summary>A ★3 page: the year it shows (?year=, else this fiscal year) and the user's name as the actor.</summary>
public abstract class ScsPage : OrganizationPage
{
    [BindProperty(SupportsGet = true, Name = "year")]
    public int? RequestedYear { get; set; }

    public int Year => RequestedYear ?? Star3Assessment.CurrentYear(Today);

    public int CurrentYear => Star3Assessment.CurrentYear(Today);

    /// <summary>Today in the organization's time zone, for the view.</summary>
    public DateOnly TodayDate => Today;

    /// <summary>The page's own address for the year shown.</summary>
    public string YearQuery => RequestedYear is { } year ? $"?year={year}" : "";

    protected string Actor => User.Identity?.Name ?? "";
}
