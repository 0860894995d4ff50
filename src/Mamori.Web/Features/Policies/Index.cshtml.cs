using System.Globalization;
using Mamori.Documents.Pdf;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Policies;

/// <summary>The policy set at a glance: every document with its versions, review date and 改訂を推奨.</summary>
public sealed class IndexModel : OrganizationPage
{
    public IReadOnlyList<DocumentStatus.Item> Items { get; private set; } = [];

    public bool PdfAvailable => LibreOfficePdf.IsAvailable;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Items = await DocumentStatus.ListAsync(Db, Today, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        await StartPolicySet.HandleAsync(Db, Organization, User.Identity?.Name ?? "", CultureInfo.CurrentUICulture, Time.GetUtcNow(), cancellationToken);
        Flash(PolicyText.Started);
        return Redirect($"{Base}/policy");
    }
}
