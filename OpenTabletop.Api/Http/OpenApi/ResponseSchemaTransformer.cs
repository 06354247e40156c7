using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// Gives each 200 body the spec's shape: a list is <c>allOf [PaginatedResponse, {data: [Item]}]</c> as in every
/// spec list operation, and a body published under another spec name (<see cref="ResponseSchemaName"/>) refers to it.
/// </summary>
internal sealed class ResponseSchemaTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var ok = description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == StatusCodes.Status200OK)?.Type;
        if (ok is null || operation.Responses?.TryGetValue("200", out var response) != true
            || response!.Content?.TryGetValue("application/json", out var media) != true || media!.Schema is null)
            return Task.CompletedTask;

        var alias = description.ActionDescriptor.EndpointMetadata.OfType<ResponseSchemaName>().LastOrDefault()?.Name;
        var document = context.Document;
        if (SchemaNames.IsPage(ok) && media.Schema.Properties?.TryGetValue("data", out var data) == true && data.Items is { } items)
        {
            // Page<T> is inlined (SchemaNames), so its data items are already the reference to T's component.
            var item = alias is null ? items : new OpenApiSchemaReference(alias, document);
            media.Schema = new OpenApiSchema
            {
                AllOf =
                [
                    new OpenApiSchemaReference(SchemaNames.PaginatedResponse, document),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = item },
                        },
                    },
                ],
            };
        }
        else if (alias is not null)
        {
            media.Schema = new OpenApiSchemaReference(alias, document);
        }
        return Task.CompletedTask;
    }
}
