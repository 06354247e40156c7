namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

/// <summary>One structured log record received over OTLP.</summary>
public sealed record LogRecordView(
    long Id,
    DateTimeOffset Time,
    string Service,
    string Level,
    int Severity,
    string Message,
    string Category,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);
