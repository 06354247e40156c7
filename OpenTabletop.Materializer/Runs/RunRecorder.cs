using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using OpenTabletop.Data;
using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Runs;

/// <summary>
/// Reads and writes <c>materialization_runs</c>, each statement committed on its own (outside the
/// pipeline's transaction), so that <c>GET /v1/admin/materialize/runs/{id}</c> shows a run's
/// progress step by step, and a rolled-back run still says how far it got.
/// </summary>
internal sealed class RunRecorder(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions StepJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A run that starts at once (<c>--once</c>, or a skipped attempt), already past the queue.</summary>
    public async Task<Guid> CreateAsync(string trigger, string? requestedBy, string status, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            "INSERT INTO materialization_runs (id, trigger, status, requested_by, started_at, finished_at) " +
            "VALUES ($1, $2, $3, $4, clock_timestamp(), CASE WHEN $3 = 'running' THEN NULL ELSE clock_timestamp() END)",
            ct, id, trigger, status, requestedBy);
        return id;
    }

    /// <summary>
    /// Queues the run of one schedule occurrence. Its id is derived from the occurrence, so when
    /// every replica's clock fires, exactly one row is queued and one run happens. True when this
    /// call queued it.
    /// </summary>
    public async Task<bool> EnqueueScheduledAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var id = DeterministicIds.For("materialize-schedule", occurrence.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return await ExecuteAsync(
            "INSERT INTO materialization_runs (id, trigger, status, requested_by, requested_at) VALUES ($1, 'schedule', 'queued', 'schedule', $2) " +
            "ON CONFLICT (id) DO NOTHING", ct, id, occurrence) == 1;
    }

    /// <summary>
    /// Runs left <c>running</c> by a process that died. Called only while holding the run lock, when
    /// no other run can be in progress.
    /// </summary>
    public Task<long> AbandonStaleAsync(CancellationToken ct) => ExecuteAsync(
        "UPDATE materialization_runs SET status = 'failed', finished_at = clock_timestamp(), " +
        "error = 'abandoned: the worker stopped before the run finished; nothing it computed was kept' WHERE status = 'running'", ct);

    /// <summary>
    /// Claims every queued run at once: one pipeline run serves them all, since its snapshot of the
    /// raw data is taken after each of them was requested.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ClaimQueuedAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE materialization_runs SET status = 'running', started_at = clock_timestamp(), steps = '[]', error = NULL " +
            "WHERE id IN (SELECT id FROM materialization_runs WHERE status = 'queued' AND requested_at <= clock_timestamp() FOR UPDATE SKIP LOCKED) " +
            "RETURNING id");
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    public Task<long> ResetStepsAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        ExecuteAsync("UPDATE materialization_runs SET steps = '[]' WHERE id = ANY($1)", ct, ids.ToArray());

    public async Task AppendStepAsync(IReadOnlyList<Guid> ids, StepResult step, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(new[] { new StepJsonRow(step.Step, step.StartedAt, step.DurationMs, step.Rows) }, StepJson);
        await using var command = dataSource.CreateCommand("UPDATE materialization_runs SET steps = steps || $1 WHERE id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<long> FinishAsync(IReadOnlyList<Guid> ids, string status, string? error, CancellationToken ct) => ExecuteAsync(
        "UPDATE materialization_runs SET status = $2, finished_at = clock_timestamp(), error = $3 WHERE id = ANY($1)",
        ct, ids.ToArray(), status, error);

    private async Task<long> ExecuteAsync(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The element shape the Data model reads (<c>MaterializationStep</c>): UTC times with a Z.</summary>
    private sealed record StepJsonRow(
        [property: JsonPropertyName("step")] string Step,
        [property: JsonPropertyName("started_at")] DateTime StartedAt,
        [property: JsonPropertyName("duration_ms")] long DurationMs,
        [property: JsonPropertyName("rows")] long? Rows);
}
