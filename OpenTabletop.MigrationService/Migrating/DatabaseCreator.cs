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

    public static async Task<bool> EnsureExistsAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The database connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.AddWithValue(database);
            if (await exists.ExecuteScalarAsync(ct) is not null) return false;
        }

        // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
        var quoted = "\"" + database.Replace("\"", "\"\"") + "\"";
        try
        {
            await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
            await create.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Created database {Database}.", database);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another migrator created it between our check and our CREATE.
            return false;
        }
    }
}
