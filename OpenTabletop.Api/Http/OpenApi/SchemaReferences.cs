using Microsoft.OpenApi;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>The component schemas a document refers to, from its operations and from other components.</summary>
internal static class SchemaReferences
{
    public static HashSet<string> In(OpenApiDocument document)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var parameter in operation.Parameters ?? []) Walk(parameter.Schema, found, seen);
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) Walk(media.Schema, found, seen);
            foreach (var media in (operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? [])) Walk(media.Schema, found, seen);
        }
        // Components referred to only by other components count, but not a component referring to itself.
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            var inner = new HashSet<string>(StringComparer.Ordinal);
            Walk(schema, inner, new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance), followReferences: false);
            inner.Remove(name);
            found.UnionWith(inner);
        }
        return found;
    }

    private static void Walk(IOpenApiSchema? schema, HashSet<string> found, HashSet<IOpenApiSchema> seen, bool followReferences = false)
    {
        if (schema is null || !seen.Add(schema)) return;
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is { } id) found.Add(id);
            if (!followReferences) return;
        }
        foreach (var child in Children(schema)) Walk(child, found, seen, followReferences);
    }

    private static IEnumerable<IOpenApiSchema?> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            .Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties).Append(schema.Not);
}
