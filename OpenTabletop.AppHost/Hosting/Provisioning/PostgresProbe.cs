using Npgsql;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>PostgreSQL is healthy when it accepts a connection and answers a query.</summary>
public static class PostgresProbe
{
    public static async Task<bool> IsReadyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // The named database may not exist yet (the migration service creates it), so probe the
            // maintenance database; and don't keep a pool alive for a probe.
            Database = "postgres",
            Pooling = false,
            Timeout = 3,
        };

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }
}
