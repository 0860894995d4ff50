using System.Globalization;
using Mamori.Features;
using Mamori.Features.Scs;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Scs;

/// <summary>The yearly checks ★3 asks for: due dates, who checked when and what they found, and completing one.</summary>
public sealed class ChecksModel : ScsPage
{
    public IReadOnlyList<YearlyChecks.Item> Checks { get; private set; } = [];

    [BindProperty]
    public string? Findings { get; set; }

    public Guid? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Checks = await YearlyChecks.ListAsync(Db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid? checkId, CancellationToken cancellationToken)
    {
        var (status, errors) = await YearlyChecks.CompleteAsync(Db, Membership, Organization, checkId ?? Guid.Empty, Findings, Actor, Time.GetUtcNow(), Today, cancellationToken);
        if (Refused(status) is { } refused)
        {
            return refused;
        }

        if (status == SaveStatus.Invalid)
        {
            ModelState.Clear();
            foreach (var message in errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError(nameof(Findings), message);
            }

            Failed = checkId;
            Checks = await YearlyChecks.ListAsync(Db, cancellationToken);
            return Page();
        }

        Flash(ScsText.CheckDone);
        return Redirect($"{Base}/scs/checks");
    }
}
