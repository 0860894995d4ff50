using System.Globalization;
using System.Text.Json;
using Mamori.Features;
using Mamori.Features.RuleValues;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.RuleValues;

/// <summary>
/// /api/v1/organizations/{org}/rule-values: the organization's 規程の基準値. GET lists them; PUT sets
/// several at once from an object of key → value (a number, a choice's key or a text; null puts the
/// default back): one wrong value saves nothing and answers 400 with a message for each wrong key.
/// </summary>
public static class RuleValuesApi
{
    public static void MapRuleValuesApi(this RouteGroupBuilder org)
    {
        org.MapGet("/rule-values", (OrganizationContext context) =>
        {
            if (!context.Membership.CanReadRegister)
            {
                return Results.Forbid();
            }

            return Results.Ok(RuleValueDto.List(context.Organization));
        }).WithTags("Rule values")
            .WithName("listRuleValues").WithSummary("List the rule values with their defaults").Produces<List<RuleValueDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        org.MapPut("/rule-values", async (Dictionary<string, JsonElement> body, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        {
            var request = new SaveRuleValues.Request(body.ToDictionary(v => v.Key, v => Text(v.Value)));
            var result = await SaveRuleValues.HandleAsync(data.Db, context.Membership, request, CultureInfo.CurrentUICulture, cancellationToken);
            if (result.Status != SaveStatus.Saved)
            {
                return result.Status switch
                {
                    SaveStatus.NotFound => Results.NotFound(),
                    SaveStatus.Forbidden => Results.Forbid(),
                    _ => Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray())),
                };
            }

            var organization = await data.Db.Organizations.AsNoTracking().SingleAsync(o => o.Id == context.Organization.Id, cancellationToken);
            return Results.Ok(new RuleValuesSavedDto(
                result.Changed,
                [.. result.Flagged.Select(d => new FlaggedDocumentDto(d.Id, d.Number, d.Title))],
                RuleValueDto.List(organization)));
        }).WithTags("Rule values")
            .WithName("setRuleValues").WithSummary("Set several rule values at once (null puts the default back)").Produces<RuleValuesSavedDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>A JSON string as it is, a number in its JSON digits, null as null; anything else as its JSON text (refused by the use case).</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}

/// <param name="Value">What the organization set, or null when it takes the default.</param>
/// <param name="Shown">The value as documents write it.</param>
/// <param name="Default">The default as it would be set (a number, a choice's key, a text).</param>
public sealed record RuleValueDto(
    string Key, string Group, string Kind, string Label, string Unit, string? Value, string Shown, string Default, string DefaultShown,
    decimal? Min, decimal? Max, int Decimals, IReadOnlyList<RuleChoiceDto> Choices, string Reason)
{
    public static IReadOnlyList<RuleValueDto> List(Mamori.Domain.Organizations.Organization organization) =>
        [.. ListRuleValues.Rows(organization, CultureInfo.CurrentUICulture).Select(r => new RuleValueDto(
            r.Value.Key, r.Value.Group, r.Value.Kind.ToString().ToLowerInvariant(), r.Value.Label, r.Value.Unit, r.Stored, r.Shown, r.Default, r.DefaultShown, r.Value.Min, r.Value.Max, r.Value.Decimals,
            [.. r.Value.Choices.Select(c => new RuleChoiceDto(c.Key, c.Text))], r.Value.Reason))];
}

public sealed record RuleChoiceDto(string Key, string Text);

public sealed record FlaggedDocumentDto(Guid Id, string Number, string Title);

/// <param name="Changed">The keys whose value changed.</param>
/// <param name="Flagged">The approved or published documents now marked 改訂を推奨 because they use a changed value.</param>
public sealed record RuleValuesSavedDto(IReadOnlyList<string> Changed, IReadOnlyList<FlaggedDocumentDto> Flagged, IReadOnlyList<RuleValueDto> Values);
