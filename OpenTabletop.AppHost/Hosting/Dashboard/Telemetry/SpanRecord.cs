namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

/// <summary>One received span, flattened for display.</summary>
public sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Service,
    string Scope,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? StatusMessage,
    IReadOnlyDictionary<string, string> Attributes)
{
    public double DurationMs => (End - Start).TotalMilliseconds;
}

/// <summary>A trace as the list shows it.</summary>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    DateTimeOffset Start,
    double DurationMs,
    string Status,
    int SpanCount,
    IReadOnlyList<string> Services);

/// <summary>A span placed in its trace: depth in the tree and offset from the trace's start, for the waterfall.</summary>
public sealed record WaterfallSpan(SpanRecord Span, int Depth, double OffsetMs);

public sealed record TraceDetail(TraceSummary Summary, IReadOnlyList<WaterfallSpan> Spans);
