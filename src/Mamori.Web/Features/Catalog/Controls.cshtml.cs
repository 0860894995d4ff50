using Mamori.Catalogs;
using Mamori.Domain.Catalog;
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

    public IReadOnlyList<(string Kind, string Title)> Kinds { get; } =
    [
        ("controlTypes", CatalogText.ControlType),
        ("securityProperties", CatalogText.Properties),
        ("cybersecurityConcepts", CatalogText.Concepts),
        ("operationalCapabilities", CatalogText.Capabilities),
    ];

    public IEnumerable<string> ValuesOf(string kind) =>
        CatalogSet.Default.Controls.SelectMany(c => AttributeValues(c, kind)).Distinct().Order();

    public void OnGet()
    {
        var controls = CatalogSet.Default.Controls.AsEnumerable();
        if (Enum.TryParse<ControlTheme>(Theme, out var theme))
        {
            controls = controls.Where(c => c.Theme == theme);
        }

        if (Attribute?.Split(':') is [var kind, var value])
        {
            controls = controls.Where(c => AttributeValues(c, kind).Contains(value));
        }

        Controls = controls.ToList();
    }

    private static IReadOnlyList<string> AttributeValues(Control control, string kind) => kind switch
    {
        "controlTypes" => control.Attributes.ControlTypes,
        "securityProperties" => control.Attributes.SecurityProperties,
        "cybersecurityConcepts" => control.Attributes.CybersecurityConcepts,
        "operationalCapabilities" => control.Attributes.OperationalCapabilities,
        _ => [],
    };
}
