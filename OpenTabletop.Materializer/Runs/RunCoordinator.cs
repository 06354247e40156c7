using System.Diagnostics;
using Npgsql;
using OpenTabletop.Data.Materialization;
using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Runs;

/// <summary>
/// One pipeline run at a time across every replica: a run holds the PostgreSQL advisory lock
/// <see cref="MaterializationRequests.LockKey"/> on its own connection, the same one that carries
/// its transaction, so that the lock ends with the run even when the process dies.
/// <list type="bullet">
/// <item>A process that finds the lock taken does not wait: <c>--once</c> records its run as
/// <c>skipped</c> (exit code 3); the worker leaves queued requests queued, and whichever process holds
/// the lock claims them when its run ends (it looks at the queue again before letting go).</item>
/// <item>Runs that a dead process left <c>running</c> are marked failed by the next lock holder.</item>
/// <item>A serialization failure (a concurrent write to a row the run rewrites) retries the run once.</item>
/// </list>
/// </summary>
internal sealed class RunCoordinator(
    NpgsqlDataSource dataSource, MaterializationPipeline pipeline, RunRecorder runs, ILogger<RunCoordinator> logger)
{
    private static readonly ActivitySource Activity = new("OpenTabletop.Materializer");

    /// <summary>
    /// Runs the pipeline for every queued run until the queue is empty. Null when another process
    /// holds the lock (the queue is its business then); else the last outcome, or null when nothing was queued.
    /// </summary>
    public async Task<RunOutcome?> ProcessQueueAsync(CancellationToken ct, Func<StepResult, CancellationToken, Task>? afterStep = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(connection, ct)) return null;
        try
        {
            await AbandonStaleAsync(ct);
            RunOutcome? last = null;
            while (true)
            {
                var ids = await runs.ClaimQueuedAsync(ct);
                if (ids.Count == 0) return last;
                last = await ExecuteAsync(connection, ids, afterStep, ct);
                if (last.Status == RunStatus.Cancelled) return last;
            }
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    /// <summary>One run now (<c>--once</c>, tests): recorded with <paramref name="trigger"/>, or as skipped when another run holds the lock.</summary>
    public async Task<RunOutcome> RunNowAsync(string trigger, string? requestedBy, CancellationToken ct,
        Func<StepResult, CancellationToken, Task>? afterStep = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(connection, ct))
        {
            var skipped = await runs.CreateAsync(trigger, requestedBy, RunStatus.Skipped, ct);
            MaterializerMetrics.RunEnded(RunStatus.Skipped);
            logger.LogWarning("Materialization skipped: another run holds the lock (run {RunId}).", skipped);
            return new RunOutcome(RunStatus.Skipped, [skipped], [], "another run holds the lock");
        }
        try
        {
            await AbandonStaleAsync(ct);
            var id = await runs.CreateAsync(trigger, requestedBy, RunStatus.Running, ct);
            return await ExecuteAsync(connection, [id], afterStep, ct);
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    private async Task<RunOutcome> ExecuteAsync(
        NpgsqlConnection connection, IReadOnlyList<Guid> ids, Func<StepResult, CancellationToken, Task>? afterStep, CancellationToken ct)
    {
        using var activity = Activity.StartActivity("Materialize");
        activity?.SetTag("opentabletop.materialize.runs", ids.Count);
        logger.LogInformation("Materialization started (run {RunIds}).", string.Join(", ", ids));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var steps = await pipeline.RunAsync(connection, async (step, token) =>
                {
                    logger.LogInformation("Step {Step}: {Rows} rows in {Duration} ms.", step.Step, step.Rows, step.DurationMs);
                    MaterializerMetrics.StepEnded(step);
                    await runs.AppendStepAsync(ids, step, token);
                    if (afterStep is not null) await afterStep(step, token);
                }, ct);
                await runs.FinishAsync(ids, RunStatus.Succeeded, null, CancellationToken.None);
                MaterializerMetrics.RunEnded(RunStatus.Succeeded);
                logger.LogInformation("Materialization succeeded in {Elapsed:F1} s (run {RunIds}).",
                    steps.Sum(s => s.DurationMs) / 1000.0, string.Join(", ", ids));
                return new RunOutcome(RunStatus.Succeeded, ids, steps, null);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await runs.FinishAsync(ids, RunStatus.Cancelled, "cancelled before it finished; nothing was written", CancellationToken.None);
                MaterializerMetrics.RunEnded(RunStatus.Cancelled);
                logger.LogWarning("Materialization cancelled; it was rolled back whole (run {RunIds}).", string.Join(", ", ids));
                return new RunOutcome(RunStatus.Cancelled, ids, [], "cancelled");
            }
            catch (PostgresException e) when (attempt == 1 && e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                logger.LogWarning("Materialization met a concurrent write ({Reason}); running it again.", e.MessageText);
                await runs.ResetStepsAsync(ids, CancellationToken.None);
            }
            catch (Exception e)
            {
                activity?.AddException(e);
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                await runs.FinishAsync(ids, RunStatus.Failed, e.Message, CancellationToken.None);
                MaterializerMetrics.RunEnded(RunStatus.Failed);
                logger.LogError(e, "Materialization failed and was rolled back whole: {Reason} (run {RunIds}).", e.Message, string.Join(", ", ids));
                return new RunOutcome(RunStatus.Failed, ids, [], e.Message);
            }
        }
    }

    private async Task AbandonStaleAsync(CancellationToken ct)
    {
        var abandoned = await runs.AbandonStaleAsync(ct);
        if (abandoned > 0) logger.LogWarning("Marked {Count} run(s) left running by a stopped worker as failed.", abandoned);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = MaterializationRequests.LockKey });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = MaterializationRequests.LockKey });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection has lost the lock with its session; closing it is enough.
        }
    }
}
