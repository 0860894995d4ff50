using System.Globalization;
using Mamori.Features.Policies;
using Mamori.Resources;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Policies;

/// <summary>整合性チェック: what the consistency check finds in the policy set, grouped by kind.</summary>
public sealed class CheckModel : OrganizationPage
{
    public IReadOnlyList<CheckPolicySet.Finding> Findings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Findings = (await CheckPolicySet.HandleAsync(Db, Membership, Organization, Today, CultureInfo.CurrentUICulture, cancellationToken))!;
        return Page();
    }

    /// <summary>The heading of a group of findings.</summary>
    public static string KindTitle(CheckPolicySet.Kind kind) => CheckText.ResourceManager.Text($"Kind{kind}", CultureInfo.CurrentUICulture);
}
