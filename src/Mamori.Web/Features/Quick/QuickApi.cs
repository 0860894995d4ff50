using System.Globalization;
using Mamori.Features.Quick;
using Mamori.Web.Infrastructure;

namespace Mamori.Web.Features.Quick;

/// <summary>/api/v1/organizations/{org}/top10-change: what the dashboard says when a newer 10大脅威 is in the catalog.</summary>
public static class QuickApi
{
    public sealed record ThreatJson(string Topic, int Rank, string Title, Guid? StandardId, bool HasTemplate, bool ReviewNeeded);

    public sealed record ChangeJson(int BuiltFrom, int Latest, DateOnly? PublishedOn, IReadOnlyList<ThreatJson> Entered, IReadOnlyList<ThreatJson> Left);

    public static void MapQuickApi(this RouteGroupBuilder org)
    {
        org.MapGet("/top10-change", async (OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            var culture = CultureInfo.CurrentUICulture;
            if (await TopThreatsChange.ReadAsync(data.Db, context.Organization, culture, cancellationToken: cancellationToken) is not { } change)
            {
                // The standards follow the newest list, or there are none.
                return Results.NoContent();
            }

            ThreatJson Json(TopThreatsChange.Threat t) => new(t.Entry.TopicId, t.Entry.Rank, t.Entry.Title(culture), t.Standard?.Id, t.HasTemplate, t.ReviewNeeded);
            return Results.Ok(new ChangeJson(change.BuiltFrom, change.Latest, change.PublishedOn, [.. change.Entered.Select(Json)], [.. change.Left.Select(Json)]));
        }).WithTags("Documents")
            .WithName("getTopThreatsChange").WithSummary("What changed in the yearly top threats since the documents were built (204 when nothing did)").Produces<ChangeJson>().Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
