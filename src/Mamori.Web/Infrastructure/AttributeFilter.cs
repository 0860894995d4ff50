using Mamori.Catalogs;
using Mamori.Web.Resources;

namespace Mamori.Web.Infrastructure;

/// <summary>The ISO/IEC 27002 attribute filter the catalog browser and the SoA share ("kind:value").</summary>
public static class AttributeFilter
{
    public static IReadOnlyList<(string Kind, string Title)> Kinds =>
    [
        ("controlTypes", CatalogText.ControlType),
        ("securityProperties", CatalogText.Properties),
        ("cybersecurityConcepts", CatalogText.Concepts),
        ("operationalCapabilities", CatalogText.Capabilities),
    ];

    /// <summary>Every value the catalog uses for an attribute, in order.</summary>
    public static IEnumerable<string> ValuesOf(string kind) =>
        CatalogSet.Default.Controls.SelectMany(c => c.Attributes.ValuesOf(kind)).Distinct().Order();
}
