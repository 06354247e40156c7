namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

/// <summary>Everything the OTLP receiver has been sent, bounded by <see cref="TelemetryLimits"/>.</summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    public TelemetryLimits Limits { get; } = limits;

    public TraceStore Traces { get; } = new(limits);

    public LogStore Logs { get; } = new(limits);

    public MetricStore Metrics { get; } = new(limits);
}
