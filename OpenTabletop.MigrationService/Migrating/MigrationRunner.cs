using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.MigrationService.Migrating;

public sealed record AppliedMigration(int Version, string Name, long DurationMs);

public sealed record MigrationReport(IReadOnlyList<AppliedMigration> Applied, int AlreadyApplied);

/// <summary>
/// Applies the embedded numbered SQL files in order, each in its own transaction, recording version,
/// name, checksum, applied_at and duration. Refuses to run when an applied file has changed.
/// Callers hold <see cref="AdvisoryLock"/> so that concurrent migrators are safe.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version      integer PRIMARY KEY,
            name         text NOT NULL,
            checksum     char(64) NOT NULL,
            applied_at   timestamptz NOT NULL DEFAULT now(),
            duration_ms  bigint NOT NULL
        )
        """;

    public IReadOnlyList<MigrationScript> Scripts { get; init; } = MigrationScript.LoadEmbedded();

    public async Task<MigrationReport> ApplyAsync(CancellationToken ct)
    {
        await using (var create = dataSource.CreateCommand(CreateHistory))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var applied = await ReadHistoryAsync(ct);
        var changed = Scripts
            .Where(s => applied.TryGetValue(s.Version, out var checksum) && checksum != s.Checksum)
            .Select(s => $"{s.Version:D4}_{s.Name}.sql")
            .ToList();
        if (changed.Count > 0) throw new MigrationChecksumException(changed);

        var unknown = applied.Keys.Except(Scripts.Select(s => s.Version)).Order().ToList();
        if (unknown.Count > 0)
        {
            logger.LogWarning("The database has migration(s) {Versions} that this build does not know; it is newer than this code.", string.Join(", ", unknown));
        }

        var done = new List<AppliedMigration>();
        foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
        {
            done.Add(await ApplyOneAsync(script, ct));
        }
        logger.LogInformation("Migrations: {Applied} applied, {Skipped} already applied; schema at version {Version}.",
            done.Count, applied.Count, Scripts.Count == 0 ? 0 : Scripts[^1].Version);
        return new MigrationReport(done, applied.Count);
    }

    private async Task<Dictionary<int, string>> ReadHistoryAsync(CancellationToken ct)
    {
        var history = new Dictionary<int, string>();
        await using var command = dataSource.CreateCommand("SELECT version, checksum FROM schema_migrations");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            history[reader.GetInt32(0)] = reader.GetString(1);
        }
        return history;
    }

    private async Task<AppliedMigration> ApplyOneAsync(MigrationScript script, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            await using (var migrate = new NpgsqlCommand(script.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await migrate.ExecuteNonQueryAsync(ct);
            }
            stopwatch.Stop();
            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)", connection, transaction))
            {
                record.Parameters.AddWithValue(script.Version);
                record.Parameters.AddWithValue(script.Name);
                record.Parameters.AddWithValue(script.Checksum);
                record.Parameters.AddWithValue(stopwatch.ElapsedMilliseconds);
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Migration {script.Version:D4}_{script.Name}.sql failed and was rolled back: {e.Message}", e);
        }
        logger.LogInformation("Applied migration {Version:D4}_{Name} in {Duration} ms.", script.Version, script.Name, stopwatch.ElapsedMilliseconds);
        return new AppliedMigration(script.Version, script.Name, stopwatch.ElapsedMilliseconds);
    }
}
