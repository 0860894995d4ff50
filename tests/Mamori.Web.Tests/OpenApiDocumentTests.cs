using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Tests.Support;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Tests;

/// <summary>
/// The OpenAPI document as a client generator and a linter read it: every operation named, summarised,
/// with its path parameters, the token scheme and its 4xx answers; and Redocly's recommended rules
/// pass without an error. New endpoints are held to the same, since the checks walk the live document.
/// </summary>
public class The_OpenAPI_document(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private async Task<JsonElement> DocumentAsync() =>
        await shared.Host.CreateClient().GetFromJsonAsync<JsonElement>(ApiDocument.Path);

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (path.Name, method.Name, method.Value);

    [Fact]
    public async Task Gives_every_operation_a_unique_id_and_a_summary()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        var unnamed = operations.Where(o => !o.Operation.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString())).ToList();
        Assert.True(unnamed.Count == 0, "Operations without an operationId (add .WithName(\"…\")): " + string.Join(", ", unnamed.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")));
        var unsummarised = operations.Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())).ToList();
        Assert.True(unsummarised.Count == 0, "Operations without a summary (add .WithSummary(\"…\")): " + string.Join(", ", unsummarised.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")));
        var repeated = operations.GroupBy(o => o.Operation.GetProperty("operationId").GetString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "operationIds used twice: " + string.Join(", ", repeated));
        Assert.True(operations.Count >= 36, $"only {operations.Count} operations");
    }

    [Fact]
    public async Task Declares_every_path_parameter_on_every_operation_that_uses_it()
    {
        var missing = new List<string>();
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var declared = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToHashSet()
                : [];
            missing.AddRange(ApiDocument.RouteParameters(path).Where(name => !declared.Contains(name)).Select(name => $"{method.ToUpperInvariant()} {path}: {{{name}}}"));
        }

        Assert.True(missing.Count == 0, "Undeclared path parameters: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Asks_every_operation_for_the_bearer_token_and_says_401_and_404_as_problem_details()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocument.SecurityScheme);
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.True(operation.TryGetProperty("security", out var security) && security[0].TryGetProperty(ApiDocument.SecurityScheme, out _), $"{where} has no security requirement");
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out var unauthorized), $"{where} does not say 401");
            Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{where}: 401 is not problem details");
            Assert.True(!path.Contains('{', StringComparison.Ordinal) || responses.TryGetProperty("404", out _), $"{where} does not say 404");
        }
    }

    [Fact]
    public async Task Describes_a_refused_write_as_a_validation_problem_with_its_fields()
    {
        var document = await DocumentAsync();

        var create = document.GetProperty("paths").GetProperty("/api/v1/organizations/{org}/assets").GetProperty("post");
        var invalid = create.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
        Assert.EndsWith("HttpValidationProblemDetails", invalid.GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("components").GetProperty("schemas").GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Passes_Redocly_recommended_rules_without_an_error()
    {
        // Kept with the test results, with Redocly's report next to it, for a look at the warnings.
        var folder = Directory.CreateDirectory(RepositoryFiles.Path("TestResults", "openapi")).FullName;
        var file = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(file, await shared.Host.CreateClient().GetStringAsync(ApiDocument.Path));

        var report = await Redocly.LintAsync(file);
        await File.WriteAllTextAsync(Path.Combine(folder, "redocly-lint.json"), report.ToString());

        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        var errors = problems.Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .ToList();
        Assert.True(errors.Count == 0, $"Redocly reports {errors.Count} errors:\n" + string.Join("\n", errors.Take(40)));
    }
}

/// <summary>
/// Redocly CLI (npm @redocly/cli), installed by ./test into $MAMORI_TOOLS (by default ~/.cache/mamori-tools),
/// run with node on a file, its recommended rules, and its JSON report read back.
/// </summary>
internal static class Redocly
{
    public const string Version = "1.34.0";

    public static string CliPath
    {
        get
        {
            var tools = Environment.GetEnvironmentVariable("MAMORI_TOOLS") is { Length: > 0 } set
                ? set
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "mamori-tools");
            return Path.Combine(tools, $"redocly-{Version}", "node_modules", "@redocly", "cli", "bin", "cli.js");
        }
    }

    public static async Task<JsonElement> LintAsync(string file)
    {
        var cli = CliPath;
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run the tests with ./test, which installs @redocly/cli {Version} there.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { cli, "lint", file, "--format=json", "--extends=recommended" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(file)!,
        };
        // No usage report or update check leaves the machine.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = await output;
        var begin = json.IndexOf('{', StringComparison.Ordinal);
        Assert.True(begin >= 0, $"Redocly wrote no JSON report (exit {process.ExitCode}): {await error}");
        return JsonDocument.Parse(json[begin..]).RootElement.Clone();
    }
}
