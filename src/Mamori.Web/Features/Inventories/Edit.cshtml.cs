using System.Globalization;
using Mamori.Features;
using Mamori.Features.Inventories;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Inventories;

/// <summary>Adds an entry to an inventory (…/new) or shows and edits one, its fields those of the inventory's kind.</summary>
public sealed class EditModel : InventoryPage
{
    [BindProperty]
    public SaveInventoryItem.Request Input { get; set; } = new();

    [FromRoute(Name = "id")]
    public string RouteId { get; set; } = "";

    public bool IsNew => RouteId == "new";

    public Guid Id => Guid.TryParse(RouteId, out var id) ? id : Guid.Empty;

    public bool CanEdit => Membership.CanManageRisks;

    public string Heading => string.Format(CultureInfo.CurrentCulture, IsNew ? InventoryText.NewTitle : InventoryText.EditTitle, Title);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Check(IsNew ? CanEdit : Membership.CanReadRegister) is { } refused)
        {
            return refused;
        }

        if (IsNew)
        {
            return Page();
        }

        var item = Id == Guid.Empty ? null : await Db.InventoryItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == Id && i.Kind == Kind, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Input = SaveInventoryItem.Request.From(item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Check(true) is { } unknown)
        {
            return unknown;
        }

        if (!IsNew && Id == Guid.Empty)
        {
            return NotFound();
        }

        var result = await SaveInventoryItem.HandleAsync(Db, Membership, Kind, IsNew ? null : Id, Input, cancellationToken);
        if (Refused(result.Status) is { } refused)
        {
            return refused;
        }

        if (result.Status == SaveStatus.Saved)
        {
            Flash(string.Format(CultureInfo.CurrentCulture, IsNew ? InventoryText.Created : InventoryText.Updated, result.Item!.Name));
            return Redirect(ListUrl);
        }

        ShowProblems(result.Status, result.Errors, nameof(Input));
        if (result.Status == SaveStatus.Conflict && result.Item is { } latest)
        {
            Input = SaveInventoryItem.Request.From(latest);
        }

        return Page();
    }

    /// <summary>The messages beside a field, after a refused save.</summary>
    public IEnumerable<string> ErrorsOf(string key) =>
        ModelState.TryGetValue($"{nameof(Input)}.{key}", out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
