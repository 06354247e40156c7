using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OpenTabletop.Data;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>
/// Records that a synthetic set was loaded, and with which parameters, as a succeeded
/// <c>materialization_runs</c> row with trigger <c>seed</c> (the seeder does write the Tier-2
/// aggregates). It is written in the load's own transaction, so it exists exactly when the set does.
/// </summary>
internal sealed record SyntheticMarker(int Games, int RandomSeed)
{
    public const string RequestedBy = "synthetic-seeder";

    public static async Task<SyntheticMarker?> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (steps -> 0 ->> 'games')::int, (steps -> 0 ->> 'random_seed')::int
              FROM materialization_runs
             WHERE trigger = 'seed' AND requested_by = @by AND status = 'succeeded'
             ORDER BY requested_at
             LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("by", RequestedBy);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new SyntheticMarker(reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    public async Task WriteAsync(NpgsqlConnection connection, TimeSpan elapsed, IReadOnlyDictionary<string, long> counts, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO materialization_runs (id, trigger, status, requested_by, requested_at, started_at, finished_at, steps)
            VALUES (@id, 'seed', 'succeeded', @by, now(), now(), clock_timestamp(),
                    jsonb_build_array(jsonb_build_object(
                        'step', 'synthetic_seed', 'started_at', now(), 'duration_ms', @ms, 'rows', @rows,
                        'games', @games, 'random_seed', @seed, 'tables', @tables)))
            """, connection);
        command.Parameters.AddWithValue("id", DeterministicIds.For("synthetic-seed-run",
            string.Create(CultureInfo.InvariantCulture, $"{Games}:{RandomSeed}")));
        command.Parameters.AddWithValue("by", RequestedBy);
        command.Parameters.AddWithValue("ms", (long)elapsed.TotalMilliseconds);
        command.Parameters.AddWithValue("rows", counts.Values.Sum());
        command.Parameters.AddWithValue("games", Games);
        command.Parameters.AddWithValue("seed", RandomSeed);
        command.Parameters.AddWithValue("tables", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(counts));
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The database already holds a synthetic set made with other parameters (or of unknown origin).</summary>
public sealed class SyntheticSeedConflictException(string message) : InvalidOperationException(message);
