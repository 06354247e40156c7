using OpenTabletop.Data;

namespace OpenTabletop.Api.Http;

/// <summary>
/// An exception that means "the database cannot be reached right now" (refused or dropped connections,
/// a server shutting down, the pool timing out), as opposed to a fault in a query: the client is told
/// 503 with Retry-After and the request can be retried, where a bug stays a 500.
/// </summary>
internal static class DatabaseOutage
{
    public const int RetryAfterSeconds = 5;

    public const string Detail = "The database is unavailable right now; retry shortly.";

    public static bool Is(Exception? exception) => DatabaseFailures.IsUnreachable(exception);
}
