using Mamori.Catalogs;
using Mamori.Domain.Catalog;

namespace Mamori.Web.Features.Catalog;

/// <summary>/api/v1/catalog: the shipped controls, threats, vulnerabilities and yearly top threats, the same for every organization.</summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalogs");
        catalog.MapGet("/controls", () => TypedResults.Ok(CatalogSet.Default.Controls.Select(ControlDto.From)))
            .WithName("listControls").WithSummary("List the controls of the catalog");
        catalog.MapGet("/threats", () => TypedResults.Ok(CatalogSet.Default.Threats.Select(ThreatDto.From)))
            .WithName("listThreats").WithSummary("List the threats of the catalog");
        catalog.MapGet("/vulnerabilities", () => TypedResults.Ok(CatalogSet.Default.Vulnerabilities.Select(VulnerabilityDto.From)))
            .WithName("listVulnerabilities").WithSummary("List the vulnerabilities of the catalog");
        catalog.MapGet("/top10", (int? year) =>
        {
            var catalogs = CatalogSet.Default;
            var entries = catalogs.TopThreatsOf(year ?? catalogs.TopThreatYears[^1]);
            return entries.Count == 0 ? Results.NotFound() : Results.Ok(entries);
        })
            .WithName("listTopThreats").WithSummary("List the yearly top threats of a year (the latest by default)").Produces<IReadOnlyList<TopThreat>>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

public sealed record ControlDto(string Id, string TitleJa, string TitleEn, string Theme, IReadOnlyList<string> ControlTypes,
    IReadOnlyList<string> SecurityProperties, IReadOnlyList<string> CybersecurityConcepts, IReadOnlyList<string> OperationalCapabilities)
{
    public static ControlDto From(Control c) => new(c.Id, c.TitleJa, c.TitleEn, c.Theme.ToString().ToLowerInvariant(),
        c.Attributes.ControlTypes, c.Attributes.SecurityProperties, c.Attributes.CybersecurityConcepts, c.Attributes.OperationalCapabilities);
}

public sealed record ThreatDto(string Id, string Category, string TitleJa, string TitleEn, IReadOnlyList<string> Origins, IReadOnlyList<string> Controls)
{
    public static ThreatDto From(Threat t) => new(t.Id, t.Category, t.TitleJa, t.TitleEn, t.OriginCodes.Split('/'), t.ControlIds);
}

public sealed record VulnerabilityDto(string Id, string AssetType, string TitleJa, string TitleEn, IReadOnlyList<string> Threats, IReadOnlyList<string> Controls)
{
    public static VulnerabilityDto From(Vulnerability v) => new(v.Id, v.AssetType.ToString().ToLowerInvariant(), v.TitleJa, v.TitleEn, v.ThreatIds, v.ControlIds);
}
