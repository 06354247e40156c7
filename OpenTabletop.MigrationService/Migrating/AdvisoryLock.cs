using Npgsql;

namespace OpenTabletop.MigrationService.Migrating;

/// <summary>
/// A session-level PostgreSQL advisory lock held on its own connection: a second migrator blocks here
/// until the first is done, then finds nothing left to do.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    /// <summary>Stable key for "the migrator of this database" (any 64-bit constant; this one spells OTTMIGR).</summary>
    public const long MigrationKey = 0x4F54544D49475200;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
            command.Parameters.AddWithValue(key);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
            command.Parameters.AddWithValue(_key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock even if the unlock above failed.
            await _connection.DisposeAsync();
        }
    }
}
