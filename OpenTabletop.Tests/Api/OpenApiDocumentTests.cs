using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The OpenAPI document the API generates from its own endpoints, compared with the spec read from disk: the same
/// operations, operation ids, tags, summaries, parameters, error responses, and the same property names in every
/// response schema and in every component published under a spec name.
/// </summary>
public sealed partial class OpenApiDocumentTests(GeneratedDocument generated) : IClassFixture<GeneratedDocument>
{
    private const string DocumentUrl = GeneratedDocument.Url;

    /// <summary>
    /// Spec operations not served yet, each with the work that adds it. An entry that is served fails
    /// <see cref="EverySpecOperationIsServedUnderV1WithTheSpecOperationId"/>, so the list cannot outlive the work.
    /// </summary>
    private static readonly Dictionary<string, string> PendingOperations = new()
    {
        // Every spec operation is served.
    };

    /// <summary>
    /// Operations whose 200 is not JSON, with the media types we declare: their bodies are compared by the tests of the
    /// operation itself. SPEC-DECISIONS "Export": application/x-ndjson where the spec's example says application/jsonl.
    /// </summary>
    private static readonly Dictionary<string, string[]> StreamedOperations = new()
    {
        ["exportGames"] = ["application/x-ndjson", "text/csv"],
    };

    /// <summary>Spec parameters an implemented operation does not take yet ("operationId name"); served ones fail the test.</summary>
    private static readonly Dictionary<string, string> PendingParameters = new()
    {
        // Every spec parameter of a served operation is taken.
    };

    /// <summary>
    /// Where our schemas knowingly differ from the spec's, by spec component name (or by operation id for a schema the
    /// spec writes inline). Both directions are exact: a listed field that matches the spec again fails the test.
    /// </summary>
    private static readonly Dictionary<string, Difference> Differences = new()
    {
        // SPEC-DECISIONS "Field names": the docs-only fields are added, never renamed.
        // include=polls: the spec's Include parameter lists polls, its Game has no such property; our ruling (README).
        // matched_via: SPEC-DECISIONS "Effective mode" (docs-only), present on effective-mode results.
        ["Game"] = new(Added: ["rating_confidence", "top_player_counts", "recommended_player_counts", "polls", "matched_via"]),
        // README "Endpoints": each term has its parent and children slugs; ADR-0018 (HAL): every resource has _links.
        ["Mechanic"] = new(Added: ["parent", "children", "_links"]),
        ["Category"] = new(Added: ["parent", "children", "_links"]),
        ["Theme"] = new(Added: ["parent", "children", "_links"]),
        // ADR-0018: every response has _links.self (SPEC-NOTES 2.9 marks the spec schema lacking it).
        ["ExperiencePlaytimeProfile"] = new(Added: ["_links"]),
        ["getGameEditions"] = new(Added: ["_links"]),
        // The data model's game_relationships.ordinal (SPEC-NOTES "Schema"), so a client keeps the stored order.
        ["GameRelationship"] = new(Added: ["ordinal"]),
        // SPEC-DECISIONS "Cursors": meta.prev_cursor; "Totals": total_estimated; SPEC-NOTES 2.3: the effective switches echoed.
        ["PaginationMeta"] = new(Added: ["prev_cursor", "total_estimated", "effective", "include_integrations"], Missing: []),
        // SPEC-DECISIONS "Errors": the trace_id extension.
        ["ErrorResponse"] = new(Added: ["trace_id"]),
        // No link we write is a URI template, and templated defaults to false.
        ["Link"] = new(Missing: ["templated"]),
        // The editions endpoint embeds the deltas once, in _embedded.deltas, as the editions path documents.
        ["GameEdition"] = new(Missing: ["deltas"]),
    };

    private readonly HttpClient _http = generated.Http;
    private readonly JsonDocument _document = generated.Document;

    private JsonElement Paths => _document.RootElement.GetProperty("paths");

    private JsonElement Components => _document.RootElement.GetProperty("components").GetProperty("schemas");

    [Fact]
    public void TheApiIsServedUnderV1AndTheDocumentHoldsOnlyTheApi()
    {
        var servers = _document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        var paths = Paths.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(["/v1"], servers);
        Assert.StartsWith("3.1", _document.RootElement.GetProperty("openapi").GetString());
        Assert.DoesNotContain(paths, p => p.StartsWith("/v1", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p is "/healthz" or "/readyz" or "/metrics" || p.StartsWith("/openapi", StringComparison.Ordinal));
    }

    [Fact]
    public void EverySpecOperationIsServedUnderV1WithTheSpecOperationId()
    {
        var problems = new List<string>();
        foreach (var operation in SpecOperations())
        {
            var ours = Operation(operation.Path, operation.Method);
            var pending = PendingOperations.ContainsKey(operation.Key);
            if (ours is null)
            {
                if (!pending) problems.Add($"{operation.Key} ({operation.Id}) is not in the document.");
                continue;
            }
            if (pending) problems.Add($"{operation.Key} is served: remove it from {nameof(PendingOperations)}.");
            var id = ours.Value.TryGetProperty("operationId", out var value) ? value.GetString() : null;
            if (id != operation.Id) problems.Add($"{operation.Key}: operationId '{id}', spec '{operation.Id}'.");
            var summary = ours.Value.TryGetProperty("summary", out var s) ? s.GetString() : null;
            if (summary != operation.Summary) problems.Add($"{operation.Key}: summary '{summary}', spec '{operation.Summary}'.");
            var tags = ours.Value.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).Order().ToList() : [];
            if (!tags.SequenceEqual(operation.Tags.Order())) problems.Add($"{operation.Key}: tags [{string.Join(", ", tags)}], spec [{string.Join(", ", operation.Tags)}].");
        }
        foreach (var key in PendingOperations.Keys.Where(k => SpecOperations().All(o => o.Key != k)))
            problems.Add($"{nameof(PendingOperations)} names {key}, which the spec does not have.");
        AssertNone(problems);
    }

    [Fact]
    public void EveryServedOperationDeclaresTheSpecParameters()
    {
        var problems = new List<string>();
        foreach (var operation in ServedSpecOperations())
        {
            var ours = Parameters(Operation(operation.Path, operation.Method)!.Value);
            foreach (var parameter in operation.Parameters)
            {
                var pending = PendingParameters.ContainsKey($"{operation.Id} {parameter.Name}");
                var declared = ours.Contains(parameter);
                if (!declared && !pending) problems.Add($"{operation.Key}: no {parameter.In} parameter '{parameter.Name}'.");
                if (declared && pending) problems.Add($"{operation.Key} takes '{parameter.Name}': remove it from {nameof(PendingParameters)}.");
            }
        }
        AssertNone(problems);
    }

    [Fact]
    public void EveryServedOperationDeclaresTheSpecErrorsAsProblems()
    {
        var problems = new List<string>();
        foreach (var operation in ServedSpecOperations())
        {
            var responses = Operation(operation.Path, operation.Method)!.Value.GetProperty("responses");
            foreach (var status in operation.ErrorStatuses)
            {
                if (!responses.TryGetProperty(status, out var response))
                {
                    problems.Add($"{operation.Key}: no {status} response.");
                    continue;
                }
                var schema = response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                    ? media.GetProperty("schema") : default;
                if (schema.ValueKind != JsonValueKind.Object || RefName(schema) != "ErrorResponse")
                    problems.Add($"{operation.Key}: the {status} response is not application/problem+json of ErrorResponse.");
            }
        }
        AssertNone(problems);
    }

    [Fact]
    public void EveryServedOperationAnswersWithTheSpecProperties()
    {
        var problems = new List<string>();
        foreach (var operation in ServedSpecOperations())
        {
            var content = Operation(operation.Path, operation.Method)!.Value.GetProperty("responses").GetProperty("200").GetProperty("content");
            if (StreamedOperations.TryGetValue(operation.Id, out var mediaTypes))
            {
                var declared = content.EnumerateObject().Select(m => m.Name).ToList();
                if (!declared.SequenceEqual(mediaTypes)) problems.Add($"{operation.Key}: 200 as [{string.Join(", ", declared)}], expected [{string.Join(", ", mediaTypes)}].");
                continue;
            }
            var ours = content.GetProperty("application/json").GetProperty("schema");
            // The body itself (a component by name, an inline schema by operation id), then each item of its data array.
            Compare(operation.SuccessLabel, OurProperties(ours), SpecShapes.Properties(operation.Success), problems, operation.Key);
            if (SpecShapes.DataItems(operation.Success) is { } specItem)
            {
                var ourItem = OurDataItems(ours);
                if (ourItem is null) problems.Add($"{operation.Key}: the spec's body has data items, ours has none.");
                else Compare(SpecShapes.Label(specItem, operation.Id + " data"), OurProperties(ourItem.Value), SpecShapes.Properties(specItem), problems, operation.Key + " data[]");
            }
        }
        AssertNone(problems);
    }

    [Fact]
    public void EveryComponentUnderASpecNameHasTheSpecProperties()
    {
        var problems = new List<string>();
        var specComponents = SpecShapes.Components();
        var compared = new List<string>();
        foreach (var component in Components.EnumerateObject())
        {
            if (!specComponents.TryGetValue(component.Name, out var spec)) continue;
            compared.Add(component.Name);
            Compare(component.Name, OurProperties(component.Value), SpecShapes.Properties(spec), problems, "component " + component.Name);
        }
        // The names the API must publish under the spec's names, whatever else changes.
        string[] required = ["Game", "Mechanic", "Category", "Theme", "Designer", "Publisher", "GameEdition", "EditionDelta", "EffectiveProperties",
            "ExperiencePlaytimeProfile", "GameRelationship", "PaginatedResponse", "PaginationMeta", "PaginationLinks", "Link", "ErrorResponse", "ValidationError"];
        foreach (var name in required.Except(compared)) problems.Add($"No component named {name}.");
        foreach (var name in Differences.Keys.Where(k => !compared.Contains(k) && SpecOperations().All(o => o.Id != k)))
            problems.Add($"{nameof(Differences)} names {name}, which is neither a component of the document nor a spec operation.");
        AssertNone(problems);
    }

    [Fact]
    public async Task DocumentHasAnETagAndRevalidates()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _http.GetAsync(DocumentUrl, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, DocumentUrl);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await _http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task DocsPageLoadsTheDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        using var page = await _http.GetAsync("/docs", ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var pageUri = page.RequestMessage!.RequestUri!;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Scalar's loader resolves the source against the application root (the page's path less the docs route).
        var source = SourceUrl().Match(html);
        Assert.True(source.Success, $"The docs page names no document source:\n{html}");
        var root = new Uri(pageUri, pageUri.AbsolutePath.EndsWith("/docs/", StringComparison.Ordinal) ? pageUri.AbsolutePath[..^"docs/".Length] : "/");
        var resolved = new Uri(root, source.Groups["url"].Value);
        Assert.Equal(DocumentUrl, resolved.AbsolutePath);
        using var document = await _http.GetJsonAsync(resolved.PathAndQuery);
        Assert.Equal("OpenTabletop API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    private JsonElement? Operation(string path, string method) =>
        Paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out var operation) ? operation : null;

    private IEnumerable<SpecShapes.SpecOperation> ServedSpecOperations() =>
        SpecOperations().Where(o => !PendingOperations.ContainsKey(o.Key) && Operation(o.Path, o.Method) is not null);

    private static IReadOnlyList<SpecShapes.SpecOperation> SpecOperations() => SpecShapes.Operations();

    private static HashSet<(string In, string Name)> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => (p.GetProperty("in").GetString()!, p.GetProperty("name").GetString()!)).ToHashSet()
            : [];

    /// <summary>A schema's property names, following $ref and allOf.</summary>
    private SortedSet<string> OurProperties(JsonElement schema)
    {
        schema = Resolve(schema);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject()) names.Add(property.Name);
        if (schema.TryGetProperty("allOf", out var allOf))
            foreach (var part in allOf.EnumerateArray()) names.UnionWith(OurProperties(part));
        return names;
    }

    /// <summary>The item schema of a body's <c>data</c> array, the last (most specific) one across allOf.</summary>
    private JsonElement? OurDataItems(JsonElement schema)
    {
        schema = Resolve(schema);
        JsonElement? found = null;
        if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("data", out var data)
            && Resolve(data).TryGetProperty("items", out var items) && (items.TryGetProperty("$ref", out _) || items.TryGetProperty("properties", out _)))
            found = items;
        if (schema.TryGetProperty("allOf", out var allOf))
            foreach (var part in allOf.EnumerateArray())
                if (OurDataItems(part) is { } inner) found = inner;
        return found;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (RefName(schema) is { } name) schema = Components.GetProperty(name);
        return schema;
    }

    private static string? RefName(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!["#/components/schemas/".Length..]
            : null;

    private static void Compare(string label, SortedSet<string> ours, SortedSet<string> spec, List<string> problems, string where)
    {
        var difference = Differences.GetValueOrDefault(label) ?? new Difference();
        var expected = new SortedSet<string>(spec.Except(difference.Missing).Concat(difference.Added), StringComparer.Ordinal);
        if (ours.SetEquals(expected)) return;
        var extra = ours.Except(expected).ToList();
        var absent = expected.Except(ours).ToList();
        problems.Add($"{where} ({label}): " +
            (extra.Count > 0 ? $"not in the spec or {nameof(Differences)}: {string.Join(", ", extra)}. " : "") +
            (absent.Count > 0 ? $"expected but absent: {string.Join(", ", absent)}." : ""));
    }

    private static void AssertNone(List<string> problems)
    {
        if (problems.Count > 0) Assert.Fail(string.Join("\n", problems));
    }

    [GeneratedRegex("\"url\"\\s*:\\s*\"(?<url>[^\"]*openapi[^\"]*)\"")]
    private static partial Regex SourceUrl();

    /// <summary>How one schema knowingly differs from the spec's.</summary>
    private sealed record Difference(string[]? Added = null, string[]? Missing = null)
    {
        public string[] Added { get; } = Added ?? [];

        public string[] Missing { get; } = Missing ?? [];
    }
}

/// <summary>One API (on an empty database: the document needs no data) and its document, shared by the comparison tests.</summary>
public sealed class GeneratedDocument(PostgresFixture postgres) : IAsyncLifetime
{
    public const string Url = "/openapi/v1.json";

    private ApiFactory _api = null!;

    public HttpClient Http { get; private set; } = null!;

    public JsonDocument Document { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _api = ApiFactory.Start(await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        Http = _api.CreateClient();
        Document = await Http.GetJsonAsync(Url);
    }

    public async ValueTask DisposeAsync()
    {
        Document.Dispose();
        Http.Dispose();
        await _api.DisposeAsync();
    }
}
