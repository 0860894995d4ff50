using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>One way in: an HTTP method on a route, and for a page the named handler (empty for the default one).</summary>
public sealed record AppEndpoint(string Method, string Route, string Handler)
{
    public override string ToString() => Handler.Length == 0 ? $"{Method} {Route}" : $"{Method} {Route}?handler={Handler}";
}

/// <summary>Every endpoint the running application has, read from its EndpointDataSource; pages are expanded into their handler methods.</summary>
public static class AppEndpoints
{
    public static async Task<IReadOnlyList<AppEndpoint>> AllAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var found = new List<AppEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                // A page without a model answers GET with its view alone.
                found.AddRange(compiled.HandlerMethods.Count == 0
                    ? [new AppEndpoint("GET", route, "")]
                    : compiled.HandlerMethods.Select(h => new AppEndpoint(h.HttpMethod.ToUpperInvariant(), route, h.Name ?? "")));
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            found.AddRange(methods.Select(m => new AppEndpoint(m, route, "")));
        }

        return found.Distinct().OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }
}
