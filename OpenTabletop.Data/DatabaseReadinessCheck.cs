using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace OpenTabletop.Data;

/// <summary>Ready when the database answers and its schema has reached <see cref="SchemaVersion.Expected"/>.</summary>
internal sealed class DatabaseReadinessCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private const string VersionQuery = "SELECT max(version) FROM " + SchemaVersion.HistoryTable;
    private const string UndefinedTable = "42P01";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand(VersionQuery);
            var version = await command.ExecuteScalarAsync(timeout.Token) as int?;
            if (version is null)
            {
                return HealthCheckResult.Unhealthy("The database has no migrations applied yet.");
            }
            return version >= SchemaVersion.Expected
                ? HealthCheckResult.Healthy($"Schema version {version}.")
                : HealthCheckResult.Unhealthy($"Schema version {version}; this build expects {SchemaVersion.Expected}.");
        }
        catch (PostgresException e) when (e.SqlState == UndefinedTable)
        {
            return HealthCheckResult.Unhealthy("The database has no migrations applied yet.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.", e);
        }
    }
}
