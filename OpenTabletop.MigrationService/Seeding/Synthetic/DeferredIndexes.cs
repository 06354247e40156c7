using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>
/// Drops the secondary indexes and foreign keys of bulk-loaded tables and recreates them from their
/// catalogued definitions afterwards: one sorted index build and one validating join are much
/// cheaper than maintaining them row by row for millions of rows. Primary and unique keys stay;
/// rows are written in primary-key order (vote ids are time-ordered, per-game rows follow the game
/// ids), so those indexes are mostly appended to. Everything happens inside the load's
/// transaction, so a failure rolls the drops back too.
/// </summary>
internal sealed class DeferredIndexes
{
    private const string IndexQuery = """
        SELECT format('%I.%I', n.nspname, i.relname), pg_get_indexdef(x.indexrelid)
          FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
         WHERE x.indrelid IN (SELECT to_regclass(t) FROM unnest(@tables::text[]) AS t)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
         ORDER BY 1
        """;

    private const string ForeignKeyQuery = """
        SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid)
          FROM pg_constraint
         WHERE contype = 'f'
           AND conrelid IN (SELECT to_regclass(t) FROM unnest(@tables::text[]) AS t)
         ORDER BY 1, 2
        """;

    private readonly NpgsqlConnection _connection;
    private readonly ILogger _logger;
    private readonly List<string> _restore;

    private DeferredIndexes(NpgsqlConnection connection, ILogger logger, List<string> restore)
    {
        _connection = connection;
        _logger = logger;
        _restore = restore;
    }

    public static async Task<DeferredIndexes> DropAsync(
        NpgsqlConnection connection, IReadOnlyList<string> tables, ILogger logger, CancellationToken ct)
    {
        var drop = new List<string>();
        var restore = new List<string>();
        foreach (var (name, definition) in await ReadAsync(connection, IndexQuery, tables, r => (r.GetString(0), r.GetString(1)), ct))
        {
            drop.Add($"DROP INDEX {name}");
            restore.Add(definition);
        }
        foreach (var (table, constraint, definition) in await ReadAsync(connection, ForeignKeyQuery, tables, r => (r.GetString(0), r.GetString(1), r.GetString(2)), ct))
        {
            drop.Add($"ALTER TABLE {table} DROP CONSTRAINT {constraint}");
            restore.Add($"ALTER TABLE {table} ADD CONSTRAINT {constraint} {definition}");
        }
        // Pending deferred checks (games.canonical_edition_id) would block ALTER TABLE on games,
        // which dropping and adding a foreign key that references it does; run them now.
        await SyntheticSql.ExecuteAsync(connection, "SET CONSTRAINTS ALL IMMEDIATE", ct);
        foreach (var statement in drop)
        {
            await SyntheticSql.ExecuteAsync(connection, statement, ct);
        }
        logger.LogInformation("Synthetic seed: deferred {Count} indexes and foreign keys on {Tables}", drop.Count, string.Join(", ", tables));
        return new DeferredIndexes(connection, logger, restore);
    }

    public async Task RestoreAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await SyntheticSql.ExecuteAsync(_connection, "SET CONSTRAINTS ALL IMMEDIATE", ct);
        foreach (var statement in _restore)
        {
            var one = System.Diagnostics.Stopwatch.GetTimestamp();
            await SyntheticSql.ExecuteAsync(_connection, statement, ct);
            _logger.LogDebug("Synthetic seed: {Statement} took {Elapsed:F2} s",
                statement, System.Diagnostics.Stopwatch.GetElapsedTime(one).TotalSeconds);
        }
        _logger.LogInformation("Synthetic seed: rebuilt {Count} indexes and foreign keys in {Elapsed:F1} s",
            _restore.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, IReadOnlyList<string> tables, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tables", tables.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
