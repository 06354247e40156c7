using System.Net.Sockets;
using Npgsql;

namespace OpenTabletop.Data;

/// <summary>Tells a database that cannot be reached right now from a fault in a query.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// Refused or dropped connections, a server shutting down or starting up, the pool or the connect
    /// timing out: the same request may well succeed elsewhere or later. A query's own error (a bug, a
    /// constraint) is not one of these.
    /// </summary>
    public static bool IsUnreachable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // Only the server going away (57P = operator intervention: shutdown, crash recovery, not yet
                    // accepting connections) or refusing connections (53300 too many connections).
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState == "53300";
                case NpgsqlException { InnerException: SocketException or TimeoutException or EndOfStreamException or IOException }:
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }
}
