using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// The API leaves a null out unless the spec declares the field nullable (JsonIgnoreCondition.Never on those).
/// The generator reads nullability from the C# types only, so it would call every optional field nullable and every
/// record parameter required; this says what is on the wire: an omitted-when-null field is optional and never null,
/// a Never field is always present and may be null.
/// </summary>
internal sealed class OmittedNullsSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>Microsoft.AspNetCore.OpenApi's marker (OpenApiConstants.NullableProperty) on a nullable property of a component type.</summary>
    private const string NullableReference = "x-is-nullable-property";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var typeInfo = context.JsonTypeInfo;
        if (typeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 }) return Task.CompletedTask;

        foreach (var property in typeInfo.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var propertySchema) || propertySchema is not OpenApiSchema nullable
                || IgnoreCondition(property, typeInfo) is not (JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault))
                continue;
            if (nullable.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            {
                nullable.Type = type & ~JsonSchemaType.Null;
                schema.Required?.Remove(property.Name);
            }
            else if (nullable.Metadata?.Remove(NullableReference) == true)
            {
                // A nullable property of a component type is marked here and becomes oneOf [null, $ref] later.
                schema.Required?.Remove(property.Name);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The property's own [JsonIgnore] condition, else the serializer's default.</summary>
    private static JsonIgnoreCondition IgnoreCondition(JsonPropertyInfo property, JsonTypeInfo owner) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false)
            .OfType<JsonIgnoreAttribute>().FirstOrDefault()?.Condition ?? owner.Options.DefaultIgnoreCondition;
}
