using Npgsql;

namespace OpenTabletop.Data.ReadReplica;

/// <summary>The failures of a read on the replica that the primary should answer instead.</summary>
public static class ReplicaFailures
{
    /// <summary>
    /// The replica is unreachable (<see cref="DatabaseFailures.IsUnreachable"/>), or refused the
    /// connection: authentication (28…), a missing database (3D000) or a connection failure it reported
    /// (08…). None of these can come from a read's own query, so a bug in one still surfaces, while a
    /// replica that is down, rebuilding or misconfigured costs nothing but a warning and the metric.
    /// </summary>
    public static bool CannotServe(Exception e) =>
        DatabaseFailures.IsUnreachable(e)
        || e is PostgresException { SqlState: var state } && (state.StartsWith("28", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal) || state == "3D000");
}
