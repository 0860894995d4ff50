using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, as a client generator and a linter need it: the personal
/// access token as a bearer scheme on every operation that needs one, every route parameter declared
/// (an {org} is read by <see cref="OrganizationResolver"/>, not by the handler, so the framework does
/// not see it), the 401 and 404 that the pipeline answers before any handler, as problem details, and
/// numbers typed as numbers. Each endpoint names and summarises itself (WithName, WithSummary) and
/// declares the answers its handler gives; the tests hold every operation to that.
/// </summary>
public static partial class ApiDocument
{
    public const string DocumentName = "v1";

    /// <summary>Where the document is served.</summary>
    public const string Path = "/openapi/v1.json";

    /// <summary>The security scheme's key in the document's components.</summary>
    public const string SecurityScheme = "personalAccessToken";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Organizations"] = "The organizations the caller belongs to, with the caller's role in each.",
        ["Assets"] = "The information asset register: each asset with its ratings and risk value.",
        ["Risks"] = "Risk scenarios: an asset, a threat, its vulnerabilities and controls, and the treatment decision.",
        ["Treatments"] = "Treatment tasks: who does what by when to reduce a risk or put a control in place.",
        ["Documents"] = "The policy set: documents, their versions, the consistency check and the export.",
        ["Statement of Applicability"] = "The Statement of Applicability: a decision on each control, and where the organization stands on each level.",
        ["SCS ★3"] = "The SCS ★3 self-assessment of a fiscal year: one answer per criterion, and its review by an expert.",
        ["Rule values"] = "The organization's rule values (the numbers, periods and choices its documents use).",
        ["Inventories"] = "The four small inventories (devices, networks, external services, administrator ids): entries, file import and export.",
        ["Catalogs"] = "The shipped catalogs of controls, threats, vulnerabilities and yearly top threats, the same for every organization.",
    };

    private static readonly Dictionary<string, string> ParameterDescriptions = new(StringComparer.Ordinal)
    {
        ["org"] = "The organization's slug, as GET /api/v1/organizations lists it.",
    };

    public static IServiceCollection AddMamoriOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = SchemaName;
            options.AddSchemaTransformer(TypeNumbersAsNumbers);
            options.AddOperationTransformer(DeclareRouteParametersAndSecurity);
            options.AddDocumentTransformer(DescribeDocument);
        });

    /// <summary>
    /// Every use case calls its input Request, and the framework names a schema after the type alone, which
    /// made SaveAsset.Request, SaveRiskScenario.Request and SaveTreatmentTask.Request one schema: a nested
    /// type is named after the type around it too (SaveAssetRequest; LevelOverview.Overview stays LevelOverview).
    /// </summary>
    private static string? SchemaName(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (name is null || info.Type.DeclaringType is not { } outer || info.Type.IsGenericType)
        {
            return name;
        }

        return outer.Name.EndsWith(name, StringComparison.Ordinal) ? outer.Name : outer.Name + name;
    }

    /// <summary>
    /// The API reads numbers written as strings too (JsonNumberHandling.AllowReadingFromString), which
    /// the framework describes as "integer or string with a pattern"; the API always writes numbers, and
    /// a generated client is simpler and stricter when told so.
    /// </summary>
    private static Task TypeNumbersAsNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && schema.Pattern is not null
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }

    private static Task DeclareRouteParametersAndSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        foreach (var name in RouteParameters(context.Description.RelativePath ?? ""))
        {
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                continue;
            }

            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = ParameterDescriptions.GetValueOrDefault(name),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = name == "org" ? "acme" : null,
            });
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] }];
        }

        return Task.CompletedTask;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Mamori API";
        document.Info.Description =
            "Organizations, the asset register, risk scenarios, treatments, the policy set, the Statement of Applicability, " +
            "the SCS ★3 self-assessment, rule values and catalogs. Every operation needs a personal access token " +
            "(Authorization: Bearer mamori_…), created on the account's access token page. Errors are RFC 9457 problem details; " +
            "a refused validation lists the wrong fields under `errors`, by their JSON names.";

        // The server is the request's own address; without a trailing slash, paths append to it as written.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "mamori_…",
            Description = "A personal access token (it starts with mamori_), created on the account's access token page. It has the rights of its user.",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else if (UsesTag(document, name))
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                operation.Responses ??= [];
                foreach (var (status, response) in operation.Responses)
                {
                    if (status.StartsWith('4'))
                    {
                        DescribeAsProblem(document, response);
                    }
                }

                if (operation.Security is { Count: > 0 })
                {
                    AddProblem(document, operation, StatusCodes.Status401Unauthorized, "No valid personal access token (missing, unknown, revoked or expired).");
                }

                if (path.Contains('{', StringComparison.Ordinal))
                {
                    AddProblem(document, operation, StatusCodes.Status404NotFound, "No such organization for the caller, or no such item in it.");
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool UsesTag(OpenApiDocument document, string name) =>
        document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).Any(o => o.Tags?.Any(t => t.Name == name) == true);

    private static void AddProblem(OpenApiDocument document, OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(key))
        {
            operation.Responses[key] = new OpenApiResponse { Description = description };
        }

        DescribeAsProblem(document, operation.Responses[key]);
    }

    /// <summary>A 4xx without a body in the handler gets one from UseStatusCodePages: problem details.</summary>
    private static void DescribeAsProblem(OpenApiDocument document, IOpenApiResponse response)
    {
        if (response is OpenApiResponse { Content: null or { Count: 0 } } bare)
        {
            bare.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
            };
        }
    }

    /// <summary>The names in a route template's braces, without constraints, defaults or catch-all stars.</summary>
    public static IEnumerable<string> RouteParameters(string template) =>
        ParameterPattern().Matches(template).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
