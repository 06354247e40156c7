using System.Diagnostics.Metrics;
using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Runs;

/// <summary>
/// The Materializer's own instruments (exported with the service defaults' OpenTelemetry setup,
/// which takes every <c>OpenTabletop.*</c> meter): runs by outcome and step durations, so that a
/// slow or failing pipeline shows on a dashboard, not only in materialization_runs.
/// </summary>
internal static class MaterializerMetrics
{
    private static readonly Meter Meter = new("OpenTabletop.Materializer");

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "opentabletop.materializer.runs", unit: "{run}", description: "Pipeline runs by outcome (succeeded, failed, cancelled, skipped).");

    private static readonly Histogram<double> Steps = Meter.CreateHistogram<double>(
        "opentabletop.materializer.step.duration", unit: "s", description: "Duration of each pipeline step.");

    public static void RunEnded(string status) => Runs.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void StepEnded(StepResult step) =>
        Steps.Record(step.DurationMs / 1000.0, new KeyValuePair<string, object?>("step", step.Step));
}
