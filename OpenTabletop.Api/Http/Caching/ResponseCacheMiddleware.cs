using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// Serves a <see cref="CachedResponse"/> endpoint's 200 JSON answer from HybridCache (this replica's
/// memory, then the shared Redis-protocol cache) under a key of the data version and the normalised
/// request, so a repeated request costs no database work and every replica shares the answers. A
/// new data version (<see cref="ServedDataVersion"/>) makes every older entry unreachable; while the
/// version is unknown the cache is bypassed. Inside the ETag middleware, so a cached body gets the
/// same ETag as a fresh one.
/// </summary>
public sealed class ResponseCacheMiddleware(
    RequestDelegate next, HybridCache cache, ServedDataVersion version, ResponseCacheSettings settings)
{
    private const string CacheName = "responses";
    private const string JsonContentType = "application/json; charset=utf-8";

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCacheEntryOptions _write = new() { Expiration = settings.Lifetime, LocalCacheExpiration = settings.Lifetime };

    public async Task InvokeAsync(HttpContext context)
    {
        if (!settings.Enabled || !HttpMethods.IsGet(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<CachedResponse>() is null
            || version.Current is not { } current)
        {
            await next(context);
            return;
        }

        var key = Key(current, context.Request);
        var ct = context.RequestAborted;
        var cached = await cache.GetOrCreateAsync<byte[]?>(key, _ => ValueTask.FromResult<byte[]?>(null), ReadOnly, cancellationToken: ct);
        // Only bodies of at least a byte are stored; HybridCache answers an empty array for "not there".
        if (cached is { Length: > 0 })
        {
            CacheMetrics.Hit(CacheName);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = JsonContentType;
            context.Response.ContentLength = cached.Length;
            await context.Response.Body.WriteAsync(cached, ct);
            return;
        }

        CacheMetrics.Miss(CacheName);
        await using var buffer = await BufferedResponse.CaptureAsync(context, next, "response-cache");

        if (context.Response.StatusCode == StatusCodes.Status200OK && buffer.Length is > 0 and <= ResponseCacheSettings.MaxBodyBytes
            && context.Response.ContentType == JsonContentType)
        {
            await cache.SetAsync(key, buffer.ToArray(), _write, cancellationToken: ct);
        }
        await BufferedResponse.SendAsync(context, buffer);
    }

    /// <summary>
    /// The version, the path as routed, and the query with its names lower-cased (binding ignores their
    /// case) and sorted, each name's values in their order: requests that mean the same share an entry.
    /// </summary>
    internal static string Key(long version, HttpRequest request)
    {
        var key = new StringBuilder("response:v").Append(version).Append(':').Append(request.Path.Value);
        var separator = '?';
        foreach (var (name, values) in request.Query.OrderBy(q => q.Key.ToLowerInvariant(), StringComparer.Ordinal))
        {
            foreach (var value in values)
            {
                key.Append(separator).Append(Uri.EscapeDataString(name.ToLowerInvariant())).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = '&';
            }
        }
        return key.ToString();
    }
}
