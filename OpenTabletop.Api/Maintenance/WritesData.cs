namespace OpenTabletop.Api.Maintenance;

/// <summary>Endpoint metadata: the endpoint changes catalogue or community data, so maintenance mode refuses it.</summary>
public sealed record WritesData;

public static class WritesDataExtensions
{
    /// <summary>
    /// Marks a data write. A marker rather than the HTTP method: POST /games/search is a read, and the
    /// admin endpoints stay open so that an operator can manage keys and end maintenance.
    /// </summary>
    public static TBuilder WritesData<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new WritesData());
        return builder;
    }
}
