using System.Globalization;
using Mamori.Features.Scs;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Scs;

/// <summary>What is still missing for ★3, by category: each gap with what to do, the evidence that closes it, and a task for it.</summary>
public sealed class GapsModel : ScsPage
{
    public Star3Assessment.Sheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Sheet = await Star3Assessment.BuildAsync(Db, Organization, Year, Today, CultureInfo.CurrentUICulture, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTaskAsync(string? criterion, CancellationToken cancellationToken)
    {
        var (status, task) = await CreateGapTask.HandleAsync(Db, Membership, Organization, Year, criterion ?? "", Actor, Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        Flash(string.Format(CultureInfo.CurrentCulture, ScsText.TaskCreated, task!.Title));
        return Redirect($"{Base}/scs/gaps?year={Year}");
    }
}
