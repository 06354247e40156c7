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

    /// <summary>Every (path, method, status) whose response the spec documents with an <c>application/json</c> schema.</summary>
    internal static IEnumerable<(string Path, string Method, int Status)> JsonResponses()
    {
        var openApi = SpecDocuments.Load("openapi.yaml");
        foreach (var path in openApi.Child("paths").Element.EnumerateObject())
        {
            var pathItem = SpecDocuments.Follow(openApi.Child("paths").Child(path.Name));
            foreach (var method in pathItem.Element.EnumerateObject().Select(m => m.Name)
                         .Where(m => m is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace"))
            {
                if (!SpecDocuments.Follow(pathItem.Child(method)).TryChild("responses", out var responses)) continue;
                foreach (var status in responses.Element.EnumerateObject().Select(r => r.Name))
                    if (int.TryParse(status, out var code)
                        && SpecDocuments.Follow(responses.Child(status)).TryChild("content", out var content)
                        && content.TryChild(JsonContentType, out var media) && SpecDocuments.Follow(media).TryChild("schema", out _))
                        yield return (path.Name, method, code);
            }
        }
    }

    /// <summary>The examples the spec gives for a response (its <c>example</c> and each of its <c>examples</c>' <c>value</c>), as JSON.</summary>
    internal static IReadOnlyList<(string Name, string Json)> ResponseExamples(string specPath, string method, int status)
    {
        var media = ResponseMedia(specPath, method, status);
        var result = new List<(string, string)>();
        if (media.TryChild("example", out var example)) result.Add(("example", example.Element.GetRawText()));
        if (media.TryChild("examples", out var examples))
            foreach (var named in examples.Element.EnumerateObject())
                if (SpecDocuments.Follow(examples.Child(named.Name)).TryChild("value", out var value))
                    result.Add(($"examples.{named.Name}", value.Element.GetRawText()));
        return result;
    }

    /// <summary>The response schema's unsupported keywords, wherever they are reachable (see <see cref="SchemaValidator.Audit"/>).</summary>
    internal static IReadOnlyList<string> AuditResponseSchema(string specPath, string method, int status) =>
        SchemaValidator.Audit(ResponseSchema(specPath, method, status));

    private static SpecNode ResponseSchema(string specPath, string method, int status) =>
        ResponseMedia(specPath, method, status).Child("schema");

    private static SpecNode ResponseMedia(string specPath, string method, int status)
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
            || !SpecDocuments.Follow(media).TryChild("schema", out _))
            throw new InvalidOperationException($"The spec documents no {JsonContentType} schema for the {status} response of {operationName}.");
        return SpecDocuments.Follow(media);
    }
}
