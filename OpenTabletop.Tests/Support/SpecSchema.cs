using System.Text.Json;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// Validates JSON bodies against the schemas of the OpenTabletop specification, read in place from
/// <see cref="SpecFiles"/>. <c>$ref</c>s are resolved across files relative to the referencing file.
/// </summary>
public static class SpecSchema
{
    private const string JsonContentType = "application/json";

    /// <summary>
    /// Validates <paramref name="json"/> against the <c>application/json</c> response schema of the operation
    /// (<paramref name="specPath"/> as in the spec's <c>paths</c>, relative to /v1, e.g. <c>/games/{id}</c>).
    /// Returns the violations, each naming its JSON path (e.g. <c>$.data[3].game_count: expected integer, got string</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The spec documents no JSON schema for that operation and status.</exception>
    public static IReadOnlyList<string> Validate(string specPath, string method, int status, string json) =>
        Run(ResponseSchema(specPath, method, status), json);

    /// <summary>Like <see cref="Validate"/>, failing the test with every violation listed.</summary>
    public static void AssertValid(string specPath, string method, int status, string json)
    {
        var violations = Validate(specPath, method, status, json);
        if (violations.Count > 0)
            Assert.Fail($"Response of {method.ToUpperInvariant()} {specPath} ({status}) violates the spec's schema:\n  "
                + string.Join("\n  ", violations));
    }

    /// <summary>Validates <paramref name="json"/> against a component schema, e.g. <c>("Game.yaml", "Game")</c>.</summary>
    public static IReadOnlyList<string> ValidateSchema(string schemaFile, string schemaName, string json)
    {
        var file = SpecDocuments.Load(System.IO.Path.Combine("schemas", schemaFile));
        if (!file.TryChild(schemaName, out var schema))
            throw new InvalidOperationException($"The spec's schemas/{schemaFile} defines no schema '{schemaName}'.");
        return Run(schema, json);
    }

    private static List<string> Run(SpecNode schema, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [$"$: body is not valid JSON: {e.Message}"];
        }
        using (document) return SchemaValidator.Validate(schema, document.RootElement);
    }

    private static SpecNode ResponseSchema(string specPath, string method, int status)
    {
        var operationName = $"{method.ToUpperInvariant()} {specPath}";
        var openApi = SpecDocuments.Load("openapi.yaml");
        if (!openApi.TryChild("paths", out var paths) || !paths.TryChild(specPath, out var pathItem))
            throw new InvalidOperationException($"The spec has no path '{specPath}' (operation {operationName}).");
        pathItem = SpecDocuments.Follow(pathItem);
        if (!pathItem.TryChild(method.ToLowerInvariant(), out var operation))
            throw new InvalidOperationException($"The spec has no operation {operationName}.");
        operation = SpecDocuments.Follow(operation);
        if (!operation.TryChild("responses", out var responses))
            throw new InvalidOperationException($"The spec documents no responses for {operationName}.");

        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // OpenAPI: an exact status code wins over a range (2XX), which wins over `default`.
        if (!responses.TryChild(code, out var response) && !responses.TryChild($"{code[0]}XX", out response)
            && !responses.TryChild("default", out response))
            throw new InvalidOperationException(
                $"The spec documents no {status} response for {operationName} (documented: {string.Join(", ", responses.Element.EnumerateObject().Select(p => p.Name))}).");
        response = SpecDocuments.Follow(response);
        if (!response.TryChild("content", out var content) || !content.TryChild(JsonContentType, out var media)
            || !SpecDocuments.Follow(media).TryChild("schema", out var schema))
            throw new InvalidOperationException($"The spec documents no {JsonContentType} schema for the {status} response of {operationName}.");
        return schema;
    }
}
