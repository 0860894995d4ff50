using System.Globalization;
using Mamori.Import;
using Mamori.Web.Resources;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>
/// Answers of the endpoints beyond <see cref="ApiResults"/>: a refused register file (RFC 9457 problem
/// details whose <c>problems</c> member lists each problem with its row and column), a stale write
/// (412), a field's validation problem, and paging.
/// </summary>
public static class ApiProblems
{
    /// <summary>The request's page and page size: page from 1, size 100 unless asked, at most 1000 (as the register's list).</summary>
    public static (int Page, int Size) Paging(int? page, int? pageSize) => (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 100, 1, 1000));

    /// <summary>422 with every problem of the file; nothing was stored.</summary>
    public static IResult ImportRejected(IReadOnlyList<ImportProblem> problems) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        detail: string.Format(CultureInfo.CurrentCulture, EndpointText.ImportRejected, problems.Count),
        extensions: new Dictionary<string, object?>
        {
            ["problems"] = problems.Select(p => new ImportProblemDto(p.Row, p.Column, p.Message)).ToList(),
        });

    /// <summary>412: the If-Match the client sent is not the current entity tag.</summary>
    public static IResult Stale() => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, detail: EndpointText.StaleWrite);

    /// <summary>409: the entity is no longer in a state that allows the write.</summary>
    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: detail);

    /// <summary>400 naming one field (camelCase, as JSON writes it).</summary>
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 for a format the endpoint does not write.</summary>
    public static IResult FormatNotOffered(string format, params string[] offered) =>
        Invalid("format", string.Format(CultureInfo.CurrentCulture, EndpointText.FormatNotOffered, format, string.Join(", ", offered)));

    /// <summary>Whether the request's If-Match (when it sent one) names <paramref name="etag"/>; "*" matches anything.</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return true;
        }

        return ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(v => v == "*" || v == etag || v == "W/" + etag);
    }
}

/// <param name="Row">The row in the file (1 is the first row), null when the problem is the whole file's.</param>
/// <param name="Column">The column's heading, null when the problem is the whole row's.</param>
/// <param name="Message">What is wrong, in the request's language.</param>
public sealed record ImportProblemDto(int? Row, string? Column, string Message);

/// <summary>One page of a list in a stable order: <paramref name="Total"/> items in all, <paramref name="PageSize"/> a page from page 1.</summary>
public sealed record ApiPage<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items);

/// <summary>A use case's field name as JSON writes it, each part camelCase: Rows[0].Title → rows[0].title.</summary>
public static class ApiFieldNames
{
    public static string Of(string field) =>
        string.Join('.', field.Split('.').Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Every field of <paramref name="errors"/> as JSON writes it.</summary>
    public static Dictionary<string, string[]> Of(IReadOnlyDictionary<string, List<string>> errors) =>
        errors.GroupBy(e => Of(e.Key)).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
}
