using System.Globalization;
using Mamori.Domain.Inventories;
using Mamori.Features.Inventories;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Inventories;

/// <summary>A page of one inventory, named by its slug in the address (/o/{org}/inventories/devices/…); an unknown slug is 404.</summary>
public abstract class InventoryPage : OrganizationPage
{
    [FromRoute(Name = "kind")]
    public string Slug { get; set; } = "";

    public InventoryKind Kind => Inventory.FromSlug(Slug) ?? default;

    public IReadOnlyList<InventoryColumn> Columns => Inventory.Columns(Kind);

    public string Title => Inventory.Title(Kind, CultureInfo.CurrentUICulture);

    /// <summary>The list's address, e.g. /o/demo/inventories/devices.</summary>
    public string ListUrl => $"{Base}/inventories/{Slug}";

    /// <summary>404 for an unknown inventory, 403 unless <paramref name="allowed"/>, else null.</summary>
    protected IActionResult? Check(bool allowed) => Inventory.FromSlug(Slug) is null ? NotFound() : Require(allowed);
}
