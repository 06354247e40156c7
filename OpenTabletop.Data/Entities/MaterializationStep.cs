namespace OpenTabletop.Data.Entities;

/// <summary>An element of <c>materialization_runs.steps</c>: <c>{"step", "started_at", "duration_ms", "rows"}</c>.</summary>
public sealed record MaterializationStep
{
    public required string Step { get; set; }
    public DateTime StartedAt { get; set; }
    public long DurationMs { get; set; }
    /// <summary>Rows the step wrote, when it counts them.</summary>
    public long? Rows { get; set; }
}
