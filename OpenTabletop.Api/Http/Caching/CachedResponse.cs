namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// Endpoint metadata: a GET whose 200 answers depend only on the request and the data version (game
/// detail and lists, search, the vocabularies, designers and publishers), so
/// <see cref="ResponseCacheMiddleware"/> may serve them again until the data changes.
/// </summary>
public sealed class CachedResponse
{
    public static readonly CachedResponse Instance = new();

    private CachedResponse()
    {
    }
}

public static class CachedResponseExtensions
{
    public static TBuilder CachedResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CachedResponse.Instance);
}
