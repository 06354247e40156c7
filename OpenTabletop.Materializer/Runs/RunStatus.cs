namespace OpenTabletop.Materializer.Runs;

/// <summary>The values of <c>materialization_runs.status</c> (CHECK in migrations 0008 and 0018).</summary>
internal static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    /// <summary>Another run held the lock; this one did nothing (migration 0018).</summary>
    public const string Skipped = "skipped";
}

/// <summary>The values of <c>materialization_runs.trigger</c>.</summary>
internal static class RunTrigger
{
    public const string Schedule = "schedule";
    public const string Request = "request";
    public const string Once = "once";
}

/// <summary>How a run ended, for the worker's log and the exit code of <c>--once</c>.</summary>
internal sealed record RunOutcome(string Status, IReadOnlyList<Guid> RunIds, IReadOnlyList<Pipeline.StepResult> Steps, string? Error)
{
    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(Steps.Sum(s => s.DurationMs));
}
