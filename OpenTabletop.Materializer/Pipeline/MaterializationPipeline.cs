using System.Data;
using System.Diagnostics;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.Materializer.Steps;

namespace OpenTabletop.Materializer.Pipeline;

/// <summary>
/// The aggregate pipeline: the compute steps (raw data → <c>mat_*</c> scratch tables) in the ruled
/// order, then the write steps (scratch tables → games, experience tables, variants, snapshots), all
/// in one repeatable-read transaction. Readers see the previous aggregates until the commit and the
/// new ones after it, never a mixture; a run that fails or is cancelled anywhere rolls back whole.
/// </summary>
internal sealed class MaterializationPipeline(MaterializerSettings settings, TimeProvider time)
{
    /// <summary>Raw data → scratch tables; shared by a run and by <c>--verify</c>.</summary>
    public static readonly IReadOnlyList<IPipelineStep> ComputeSteps =
    [
        new AggregatesStep(), new GlobalMeanStep(), new RatingConfidenceStep(), new BayesAndRanksStep(),
        new PlayerCountsStep(), new ExperienceMultipliersStep(),
    ];

    /// <summary>Scratch tables → stored aggregates; each writes only rows whose values change.</summary>
    public static readonly IReadOnlyList<IPipelineStep> WriteSteps =
    [
        new WriteGamesStep(), new WriteExperienceStep(), new EffectiveVariantsStep(), new SnapshotsStep(),
    ];

    public MaterializerSettings Settings { get; } = settings;

    /// <summary>
    /// Runs every step and commits. <paramref name="afterStep"/> sees each step as it completes
    /// (the run's progress record, and tests that cancel half-way).
    /// </summary>
    public async Task<IReadOnlyList<StepResult>> RunAsync(
        NpgsqlConnection connection, Func<StepResult, CancellationToken, Task> afterStep, CancellationToken ct)
    {
        await using var transaction = await BeginAsync(connection, ct);
        var context = new PipelineContext(connection, Settings, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var results = new List<StepResult>();
        foreach (var step in ComputeSteps.Concat(WriteSteps))
        {
            var result = await RunStepAsync(step, context, ct);
            results.Add(result);
            await afterStep(result, ct);
        }
        // A cancellation that arrived after the last step still means "do not publish".
        ct.ThrowIfCancellationRequested();
        // The Api's cached answers hold the old aggregates: retire them with this commit (the bump's
        // notification is delivered then). A run that wrote nothing leaves the version, like every row, alone.
        if (results.Where(r => WriteSteps.Any(w => w.Name == r.Step)).Any(r => r.Rows > 0))
        {
            await DataVersions.BumpAsync(connection, "materializer", ct);
        }
        await transaction.CommitAsync(ct);
        return results;
    }

    /// <summary>
    /// The compute steps only, inside a transaction the caller rolls back (<c>--verify</c>); the
    /// scratch tables are readable until then.
    /// </summary>
    public async Task<(NpgsqlTransaction Transaction, IReadOnlyList<StepResult> Steps)> ComputeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var transaction = await BeginAsync(connection, ct);
        try
        {
            var context = new PipelineContext(connection, Settings, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            var results = new List<StepResult>();
            foreach (var step in ComputeSteps)
            {
                results.Add(await RunStepAsync(step, context, ct));
            }
            return (transaction, results);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Repeatable read: one snapshot of the raw data for every step, however long the run.
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var settings = new NpgsqlCommand(
            // UTC dates whatever the server's zone; memory for the big GROUP BYs and sorts instead of
            // spilling to disk; no JIT (it compiles for seconds and saves nothing on these statements).
            "SET LOCAL TimeZone = 'UTC'; SET LOCAL work_mem = '128MB'; SET LOCAL jit = off", connection);
        await settings.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    private static async Task<StepResult> RunStepAsync(IPipelineStep step, PipelineContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var started = DateTime.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var rows = await step.RunAsync(context, ct);
        return new StepResult(step.Name, started, stopwatch.ElapsedMilliseconds, rows);
    }
}
