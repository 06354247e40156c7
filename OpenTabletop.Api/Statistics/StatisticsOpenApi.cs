using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Statistics;

/// <summary>
/// The statistics endpoints' own query parameters as the document shows them: their meaning, values and
/// defaults (the handlers take them as text so that a bad value is their own 400 problem, which leaves the
/// generator nothing to infer but a string).
/// </summary>
internal static class StatisticsOpenApi
{
    public static RouteHandlerBuilder Describes(this RouteHandlerBuilder builder, string name, string description,
        string[]? values = null, string? defaultValue = null, (int Min, int Max, int Default)? range = null, string? format = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var parameter = (operation.Parameters ?? []).OfType<OpenApiParameter>()
                .FirstOrDefault(p => p.In == ParameterLocation.Query && p.Name == name);
            if (parameter is null) return Task.CompletedTask;
            parameter.Description = description;
            parameter.Schema = range is { } r
                ? new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = r.Min.ToString(CultureInfo.InvariantCulture),
                    Maximum = r.Max.ToString(CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(r.Default),
                }
                : new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = format,
                    Enum = values is null ? null : [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
                    Default = defaultValue is null ? null : JsonValue.Create(defaultValue),
                };
            return Task.CompletedTask;
        });
}
