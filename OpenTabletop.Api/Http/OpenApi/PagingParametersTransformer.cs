using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// The paging parameters as the spec types them. The handlers take them as strings so that a malformed value is
/// their own 400 problem rather than a binding failure, which the generator would otherwise publish as the type.
/// </summary>
internal sealed class PagingParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            switch (parameter.Name)
            {
                case "limit":
                    parameter.Description = $"Items per page, 1 to {PageRequest.MaxLimit}.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = PageRequest.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(PageRequest.DefaultLimit) };
                    break;
                case "order":
                    parameter.Description = "Sort direction.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("asc"), JsonValue.Create("desc")] };
                    break;
                case "cursor":
                    parameter.Description = "The opaque cursor of a previous page's meta.next_cursor or meta.prev_cursor, passed back verbatim.";
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
