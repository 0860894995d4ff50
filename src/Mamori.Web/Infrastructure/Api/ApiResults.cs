using Mamori.Features;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>The HTTP answers the features' endpoints share.</summary>
public static class ApiResults
{
    /// <summary>
    /// The answer for a save use case's outcome: 404, 403, 400 with the field errors, 409, or the saved
    /// item (201 with its location when <paramref name="id"/> is null, a creation; 200 otherwise).
    /// </summary>
    public static IResult Saved<T>(SaveStatus status, IReadOnlyDictionary<string, List<string>> errors, Guid? id, Func<T> body, Func<T, string> location) => status switch
    {
        SaveStatus.NotFound => Results.NotFound(),
        SaveStatus.Forbidden => Results.Forbid(),
        SaveStatus.Invalid => Results.ValidationProblem(CamelCase(errors)),
        SaveStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: Resources.CommonText.ConcurrencyConflict),
        _ when id is null => body() is var created ? Results.Created(location(created), created) : Results.Ok(),
        _ => Results.Ok(body()),
    };

    /// <summary>Field names as JSON writes them (confidentiality, not Confidentiality).</summary>
    public static Dictionary<string, string[]> CamelCase(IReadOnlyDictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value.ToArray());
}
