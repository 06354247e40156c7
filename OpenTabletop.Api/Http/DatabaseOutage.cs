using System.Net.Sockets;
using Npgsql;

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

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // Only the server going away (57P = operator intervention: shutdown, crash recovery) or
                    // refusing connections (53300 too many connections); a query's own error is a bug.
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState == "53300";
                case NpgsqlException { InnerException: SocketException or TimeoutException or EndOfStreamException or IOException }:
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }
}
