using Mamori.Catalogs;
using Mamori.Domain.Catalog;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Catalog;

/// <summary>The 93 controls, filtered by theme or by one ISO 27002 attribute.</summary>
public sealed class ControlsModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    /// <summary>"kind:value", e.g. "controlTypes:detective".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Attribute { get; set; }

    public IReadOnlyList<Control> Controls { get; private set; } = [];

    public IReadOnlyList<(string Kind, string Title)> Kinds => AttributeFilter.Kinds;

    public IEnumerable<string> ValuesOf(string kind) => AttributeFilter.ValuesOf(kind);

    public void OnGet()
    {
        var controls = CatalogSet.Default.Controls.AsEnumerable();
        if (Enum.TryParse<ControlTheme>(Theme, out var theme))
        {
            controls = controls.Where(c => c.Theme == theme);
        }

        if (Attribute?.Split(':') is [var kind, var value])
        {
            controls = controls.Where(c => c.Attributes.ValuesOf(kind).Contains(value));
        }

        Controls = controls.ToList();
    }
}
