namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// Endpoint metadata: the response is streamed as it is produced (the bulk export), so
/// <see cref="ConditionalGetMiddleware"/> must not buffer it to hash an ETag. Buffering would hold
/// the whole body in memory and send nothing until the last row.
/// </summary>
public sealed class StreamedResponse
{
    public static readonly StreamedResponse Instance = new();

    private StreamedResponse()
    {
    }
}

public static class StreamedResponseExtensions
{
    /// <summary>Marks an endpoint whose body is streamed: no ETag, no buffering.</summary>
    public static TBuilder Streamed<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(StreamedResponse.Instance);
}
