using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// The document's frame: the API lives under /v1 (SPEC-DECISIONS "Base path"), so the server is /v1 and the paths
/// are the spec's own (<c>/games/{id}</c>), which keeps them comparable with the spec's <c>paths</c>.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BasePath = "/v1";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Games"] = "Board games, expansions and related products, one entity for every game type.",
        ["Expansions"] = "A base game's add-ons and the properties of a game played with them.",
        ["Taxonomy"] = "The controlled vocabularies: mechanics, categories and themes.",
        ["People"] = "Designers and publishers.",
        ["Search"] = "Full-text search and structured game search.",
        ["Statistics"] = "Community polls and experience-adjusted playtime.",
        ["Export"] = "Bulk export for analysis.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "OpenTabletop API",
            Version = "0.1.0",
            Description = "This server's implementation of the OpenTabletop specification (0.1.0). Paths are relative to the "
                + "server, " + BasePath + ". Errors are RFC 9457 problems (`application/problem+json`).",
        };

        // The generator names the server after the request (scheme, host, path base). A relative URL keeps the document
        // right behind proxies and identical for every host, so its ETag is too; only the path base is kept.
        var pathBase = document.Servers is [{ Url: { } url }, ..] && Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            ? absolute.AbsolutePath.TrimEnd('/')
            : "";
        document.Servers = [new OpenApiServer { Url = pathBase + BasePath, Description = "This server" }];

        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            paths[path.StartsWith(BasePath + "/", StringComparison.Ordinal) ? path[BasePath.Length..] : path] = item;
        }
        document.Paths = paths;

        var used = document.Paths.Values
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(TagDescriptions
            .Where(t => used.Contains(t.Key))
            .Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        return Task.CompletedTask;
    }
}
