using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>
/// An endpoint that takes one uploaded spreadsheet as the multipart field "file" (the register and inventory
/// imports). Their handlers read the form themselves, after the permission check, so the OpenAPI document is
/// told what the form holds; the body is bounded as the upload pages bound it.
/// </summary>
public static class FileUpload
{
    public static RouteHandlerBuilder AcceptsSpreadsheetFile(this RouteHandlerBuilder endpoint, string description, long maxBytes) =>
        endpoint
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "file" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description },
                                },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            })
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes))
            .WithFormOptions(multipartBodyLengthLimit: maxBytes);
}
