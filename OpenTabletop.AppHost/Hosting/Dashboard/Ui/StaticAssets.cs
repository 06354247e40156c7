using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Ui;

/// <summary>The page, its script and its style, embedded in the AppHost assembly: nothing is fetched from anywhere else.</summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["index.html"] = (Read("index.html"), "text/html; charset=utf-8"),
        ["app.js"] = (Read("app.js"), "text/javascript; charset=utf-8"),
        ["app.css"] = (Read("app.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapStaticAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context) => Serve("index.html", context));
        endpoints.MapGet("/app.js", (HttpContext context) => Serve("app.js", context));
        endpoints.MapGet("/app.css", (HttpContext context) => Serve("app.css", context));
        return endpoints;
    }

    private static FileContentHttpResult Serve(string name, HttpContext context)
    {
        // The page and its script change together with the AppHost; a stale cached copy would not match the API.
        context.Response.Headers.CacheControl = "no-cache";
        var (content, contentType) = Assets[name];
        return TypedResults.File(content, contentType);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream($"Dashboard/{name}")
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in the AppHost.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
