using System.Text.Json;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// The spec's operations and schemas as the OpenAPI document comparison needs them: operation ids, summaries, tags,
/// parameter names, error statuses and 200 schemas, and property names following <c>$ref</c> and <c>allOf</c>.
/// </summary>
internal static class SpecShapes
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static readonly Lazy<IReadOnlyList<SpecOperation>> AllOperations = new(ReadOperations);

    /// <summary>One operation of the spec; <see cref="Path"/> is relative to /v1 as in the spec's <c>paths</c>.</summary>
    public sealed record SpecOperation(
        string Path,
        string Method,
        string Id,
        string? Summary,
        IReadOnlyList<string> Tags,
        IReadOnlyList<(string In, string Name)> Parameters,
        IReadOnlyList<string> ErrorStatuses,
        SpecNode Success,
        string SuccessLabel)
    {
        public string Key => $"{Method.ToUpperInvariant()} {Path}";
    }

    public static IReadOnlyList<SpecOperation> Operations() => AllOperations.Value;

    /// <summary>The spec's component schemas by name (openapi.yaml <c>components.schemas</c>), each followed to its definition.</summary>
    public static Dictionary<string, SpecNode> Components()
    {
        var schemas = SpecDocuments.Load("openapi.yaml").Child("components").Child("schemas");
        return schemas.Element.EnumerateObject().ToDictionary(s => s.Name, s => SpecDocuments.Follow(schemas.Child(s.Name)), StringComparer.Ordinal);
    }

    /// <summary>A schema's property names, following <c>$ref</c> and every <c>allOf</c> part.</summary>
    public static SortedSet<string> Properties(SpecNode schema)
    {
        schema = SpecDocuments.Follow(schema);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (schema.TryChild("properties", out var properties))
            foreach (var property in properties.Element.EnumerateObject()) names.Add(property.Name);
        if (schema.TryChild("allOf", out var allOf))
            for (var i = 0; i < allOf.Element.GetArrayLength(); i++) names.UnionWith(Properties(allOf.Item(i)));
        return names;
    }

    /// <summary>
    /// The item schema of a body's <c>data</c> array: the last one across <c>allOf</c>, so a list's own item type wins over
    /// PaginatedResponse's untyped items. Null when the body has no typed data items.
    /// </summary>
    public static SpecNode? DataItems(SpecNode schema)
    {
        schema = SpecDocuments.Follow(schema);
        SpecNode? found = null;
        if (schema.TryChild("properties", out var properties) && properties.TryChild("data", out var data)
            && SpecDocuments.Follow(data).TryChild("items", out var items)
            && (items.TryChild("$ref", out _) || items.TryChild("properties", out _)))
            found = items;
        if (schema.TryChild("allOf", out var allOf))
            for (var i = 0; i < allOf.Element.GetArrayLength(); i++)
                if (DataItems(allOf.Item(i)) is { } inner) found = inner;
        return found;
    }

    /// <summary>The component name a schema refers to (<c>'../schemas/Game.yaml#/Game'</c> is Game), else <paramref name="inline"/>.</summary>
    public static string Label(SpecNode schema, string inline) =>
        schema.TryChild("$ref", out var reference) && reference.Element.GetString() is { } text && text.LastIndexOf('/') is var slash and >= 0
            ? text[(slash + 1)..]
            : inline;

    private static List<SpecOperation> ReadOperations()
    {
        var openApi = SpecDocuments.Load("openapi.yaml");
        var paths = openApi.Child("paths");
        var result = new List<SpecOperation>();
        foreach (var path in paths.Element.EnumerateObject())
        {
            var item = SpecDocuments.Follow(paths.Child(path.Name));
            foreach (var method in Methods)
            {
                if (!item.TryChild(method, out var node)) continue;
                var operation = SpecDocuments.Follow(node);
                var responses = operation.Child("responses");
                var success = SpecDocuments.Follow(responses.Child("200"));
                // The first media type's schema: application/json everywhere but the export (JSON Lines or CSV).
                var media = success.Child("content").Element.EnumerateObject().First().Name;
                var schema = SpecDocuments.Follow(success.Child("content").Child(media)).Child("schema");
                var id = operation.Child("operationId").Element.GetString()!;
                result.Add(new SpecOperation(
                    path.Name,
                    method,
                    id,
                    operation.TryChild("summary", out var summary) ? summary.Element.GetString() : null,
                    operation.TryChild("tags", out var tags) ? [.. tags.Element.EnumerateArray().Select(t => t.GetString()!)] : [],
                    Parameters(operation),
                    [.. responses.Element.EnumerateObject().Select(r => r.Name).Where(s => s.StartsWith('4'))],
                    schema,
                    Label(schema, id)));
            }
        }
        return result;
    }

    private static List<(string In, string Name)> Parameters(SpecNode operation)
    {
        var result = new List<(string, string)>();
        if (!operation.TryChild("parameters", out var parameters)) return result;
        for (var i = 0; i < parameters.Element.GetArrayLength(); i++)
        {
            var parameter = SpecDocuments.Follow(parameters.Item(i));
            result.Add((parameter.Child("in").Element.GetString()!, parameter.Child("name").Element.GetString()!));
        }
        return result;
    }
}
