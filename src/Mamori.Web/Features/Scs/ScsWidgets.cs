using System.Globalization;
using Mamori.Features.Scs;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Scs;

/// <summary>The dashboard's line of ★3 yearly checks due within 60 days or overdue (readers only).</summary>
public sealed class ScsDueChecksViewComponent(OrganizationContext context, OrganizationData data, TimeProvider time) : ViewComponent
{
    public const int Days = 60;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!context.IsSet || !context.Membership.CanReadRegister)
        {
            return Content("");
        }

        var today = time.Today(context.Organization);
        var due = await YearlyChecks.DueAsync(data.Db, today, Days, HttpContext.RequestAborted);
        return View("/Features/Scs/_DueChecks.cshtml", (Base: $"/o/{context.Organization.Slug}", Today: today, Due: due));
    }
}

/// <summary>The levels page's ★3 card: this fiscal year's progress by category.</summary>
public sealed class ScsProgressViewComponent(OrganizationContext context, OrganizationData data, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!context.IsSet || !context.Membership.CanReadRegister)
        {
            return Content("");
        }

        var today = time.Today(context.Organization);
        var sheet = await Star3Assessment.BuildAsync(data.Db, context.Organization, Star3Assessment.CurrentYear(today), today, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        return View("/Features/Scs/_Progress.cshtml", (Base: $"/o/{context.Organization.Slug}", Sheet: sheet));
    }
}
