using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenTabletop.MigrationService.Migrating;

/// <summary>
/// Creates the target database when the server lacks it: a cluster deploy (unlike a local run)
/// does not create the database named in the connection string.
/// </summary>
public static class DatabaseCreator
{
    private const string DuplicateDatabase = "42P04";
    // Two CREATE DATABASE racing past the existence check collide on the catalog's unique index.
    private const string UniqueViolation = "23505";

    // CREATE DATABASE copies template1 and fails while another session (e.g. a concurrent CREATE) uses it.
    private const string ObjectInUse = "55006";

    public static async Task<bool> EnsureExistsAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The database connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            if (await ExistsAsync(connection, database, ct)) return false;

            // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
            var quoted = "\"" + database.Replace("\"", "\"\"") + "\"";
            try
            {
                await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
                await create.ExecuteNonQueryAsync(ct);
                logger.LogInformation("Created database {Database}.", database);
                return true;
            }
            catch (PostgresException e) when (e.SqlState is DuplicateDatabase or UniqueViolation)
            {
                // Another migrator created it between our check and our CREATE.
                return false;
            }
            catch (PostgresException e) when (e.SqlState == ObjectInUse && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string database, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        return await exists.ExecuteScalarAsync(ct) is not null;
    }
}
