using System.Globalization;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Assets;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Assets;

/// <summary>Register a new asset (/assets/new) or edit one, with messages beside each field.</summary>
public sealed class EditModel : OrganizationPage
{
    [BindProperty]
    public SaveAsset.Request Input { get; set; } = new();

    [FromRoute(Name = "id")]
    public string RouteId { get; set; } = "";

    public bool IsNew => RouteId == "new";

    public Guid Id => Guid.TryParse(RouteId, out var id) ? id : Guid.Empty;

    public bool CanEdit { get; private set; }

    public int CurrentImportance { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        if (IsNew)
        {
            CanEdit = Membership.CanCreateAssets;
            Input = new SaveAsset.Request
            {
                Department = Membership.Role == MemberRole.DepartmentManager ? Membership.Department : "",
                RegisteredOn = Today,
            };
            return Require(CanEdit) ?? Page();
        }

        var asset = Id == Guid.Empty ? null : await Db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (asset is null)
        {
            return NotFound();
        }

        Input = SaveAsset.Request.From(asset);
        CanEdit = Membership.CanEditAsset(asset.Department);
        CurrentImportance = asset.Importance.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!IsNew && Id == Guid.Empty)
        {
            return NotFound();
        }

        var result = await SaveAsset.HandleAsync(Db, Membership, IsNew ? null : Id, Input, Today, cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(string.Format(CultureInfo.CurrentCulture, IsNew ? AssetText.Created : AssetText.Updated, result.Asset!.Name));
            return Redirect($"{Base}/assets");
        }

        CanEdit = true;
        ShowProblems(result.Status, result.Errors, nameof(Input));
        if (result.Status == SaveStatus.Conflict && result.Asset is { } latest)
        {
            Input = SaveAsset.Request.From(latest);
        }

        return Page();
    }
}
