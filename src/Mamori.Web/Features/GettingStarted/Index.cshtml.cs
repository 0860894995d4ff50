using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Policies;
using Mamori.Features;
using Mamori.Features.GettingStarted;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.GettingStarted;

/// <summary>はじめての情報セキュリティ: the six steps with their state, the one next action, and the record of the ★2 declaration.</summary>
public sealed class IndexModel : OrganizationPage
{
    [BindProperty]
    public RecordDeclaration.Request Input { get; set; } = new();

    public PathProgress.Progress Progress { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Input = new() { DeclaredOn = Organization.SecurityActionDeclaredOn, DeclarationId = Organization.SecurityActionId, Version = Organization.Version };
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>One click: the 5か条 join the policy set as a draft, and its page opens to approve and publish it.</summary>
    public async Task<IActionResult> OnPostAddFiveRulesAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        await AddForms.HandleAsync(Db, Membership, [FormCatalog.FiveRulesId], User.Identity?.Name ?? "", Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        var key = AddForms.SourceKeyOf(FormCatalog.FiveRulesId);
        var id = await Db.PolicyDocuments.Where(d => d.SourceKey == key).Select(d => d.Id).SingleAsync(cancellationToken);
        Flash(PathText.FiveRulesAdded);
        return Redirect($"{Base}/policy/{id}");
    }

    /// <summary>One click: the 基本方針 drafted from Mamori's template (and the roles table), and its page opens.</summary>
    public async Task<IActionResult> OnPostStartBasicPolicyAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        await StartPolicySet.HandleAsync(Db, Organization, User.Identity?.Name ?? "", CultureInfo.CurrentUICulture, Time.GetUtcNow(), cancellationToken);
        var id = await Db.PolicyDocuments.Where(d => d.Kind == DocumentKind.BasicPolicy).Select(d => d.Id).FirstAsync(cancellationToken);
        Flash(PathText.BasicPolicyStarted);
        return Redirect($"{Base}/policy/{id}");
    }

    public async Task<IActionResult> OnPostDeclarationAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        // A date that could not be read is shown with its message; nothing is saved.
        if (ModelState.IsValid)
        {
            var result = await RecordDeclaration.HandleAsync(Db, Membership, Input, Today, cancellationToken);
            if (Refused(result.Status) is { } refused)
            {
                return refused;
            }

            if (result.Status == SaveStatus.Saved)
            {
                Flash(PathText.DeclarationRecorded);
                return Redirect($"{Base}/path#step-{PathProgress.StepKey.SecurityActionTwoStars}");
            }

            ShowProblems(result.Status, result.Errors, nameof(Input));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Progress = await PathProgress.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        // From here on the organization's pages offer the way back (see PathLinks.CameFromPathCookie).
        Response.Cookies.Append(PathLinks.CameFromPathCookie, "1", new CookieOptions
        {
            Path = Base,
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
    }
}
