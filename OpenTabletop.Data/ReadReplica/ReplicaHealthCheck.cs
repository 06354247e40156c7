using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace OpenTabletop.Data.ReadReplica;

/// <summary>
/// The read replica's entry on /readyz: healthy with how far behind it is, or degraded when it cannot
/// be reached. Never unhealthy: the primary serves its reads meanwhile, so a replica outage must not
/// take the Api out of its load balancer (degraded still answers 200).
/// </summary>
internal sealed class ReplicaHealthCheck(ReadSource reads) : IHealthCheck
{
    /// <summary>
    /// The age of the last transaction replayed is the usual lag measure; it also grows while the
    /// primary commits nothing, so it is reported, not judged.
    /// </summary>
    private const string Sql = "SELECT pg_is_in_recovery(), extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (reads.Replica is not { } replica) return HealthCheckResult.Healthy("No read replica configured.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = replica.CreateCommand(Sql);
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            if (!reader.GetBoolean(0)) return HealthCheckResult.Healthy("Reachable, but not a standby (pg_is_in_recovery() is false).");
            return HealthCheckResult.Healthy(reader.IsDBNull(1)
                ? "Standby; no transaction replayed since it started."
                : string.Create(CultureInfo.InvariantCulture, $"Standby; the last transaction it replayed committed {reader.GetDouble(1):0.0} s ago."));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // No exception attached: every probe logs a degraded result, and a stack trace every few seconds
            // would bury the logs; ReadSource warns with the cause (rate-limited) when a read meets it.
            return HealthCheckResult.Degraded("The read replica cannot be reached; the primary serves its reads.");
        }
    }
}
