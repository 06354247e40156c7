namespace OpenTabletop.Materializer.Pipeline;

/// <summary>One step of the pipeline, in the ruled order (SPEC-DECISIONS "Materialization").</summary>
internal interface IPipelineStep
{
    /// <summary>The name recorded in <c>materialization_runs.steps</c>.</summary>
    string Name { get; }

    /// <summary>Runs the step; returns the rows it computed or wrote (null when it counts none).</summary>
    Task<long?> RunAsync(PipelineContext context, CancellationToken ct);
}

/// <summary>An element of <c>materialization_runs.steps</c>.</summary>
internal sealed record StepResult(string Step, DateTime StartedAt, long DurationMs, long? Rows);
