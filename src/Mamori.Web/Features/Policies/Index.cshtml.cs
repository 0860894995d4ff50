using System.Globalization;
using Mamori.Catalogs;
using Mamori.Documents.Pdf;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Policies;

/// <summary>The policy set at a glance: every document with its versions, review date and 改訂を推奨; the forms and the 5か条 to add.</summary>
public sealed class IndexModel : OrganizationPage
{
    public IReadOnlyList<DocumentStatus.Item> Items { get; private set; } = [];

    /// <summary>The latest versions not yet published, for まとめて承認・公開.</summary>
    public IReadOnlyList<DocumentStatus.Item> PublishCandidates => [.. PublishTogether.Candidates(Items)];

    public bool PdfAvailable => LibreOfficePdf.IsAvailable;

    /// <summary>The 5か条 and the forms the catalog offers.</summary>
    public IReadOnlyList<FormTemplate> Forms => FormCatalog.For(CultureInfo.CurrentUICulture).Forms;

    /// <summary>The ids of those the policy set already holds.</summary>
    public IReadOnlySet<string> AddedForms { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Items = await DocumentStatus.ListAsync(Db, Today, cancellationToken);
        AddedForms = await AddForms.AddedAsync(Db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddFormsAsync(string[] forms, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var result = await AddForms.HandleAsync(Db, Membership, forms, User.Identity?.Name ?? "", Time.GetUtcNow(), CultureInfo.CurrentUICulture, cancellationToken);
        Flash(result.Status != Mamori.Features.SaveStatus.Saved ? PolicyText.FormsNoneChosen
            : result.Added.Count == 0 ? PolicyText.FormsAlreadyAdded
            : string.Format(CultureInfo.CurrentCulture, PolicyText.FormsAdded, string.Join(CommonText.ListSeparator, result.Added.Select(d => d.Title))));
        return Redirect($"{Base}/policy");
    }

    public async Task<IActionResult> OnPostPublishTogetherAsync(Guid[] versions, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanApproveDocuments) is { } denied)
        {
            return denied;
        }

        var result = await PublishTogether.HandleAsync(Db, Membership, Organization, versions, User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken);
        Flash(result.Outcome switch
        {
            PublishTogether.Outcome.Done => string.Format(CultureInfo.CurrentCulture, PolicyText.PublishTogetherDone, result.Published.Count, string.Join(CommonText.ListSeparator, result.Published)),
            PublishTogether.Outcome.NothingChosen => PolicyText.PublishTogetherNone,
            _ => PolicyText.PublishTogetherFailed,
        });
        return Redirect($"{Base}/policy");
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
