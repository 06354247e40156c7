using OpenTelemetry.Proto.Trace.V1;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

/// <summary>
/// The last <see cref="TelemetryLimits.MaxTraces"/> traces (whole traces are dropped, oldest first, so a
/// shown trace is never missing spans because of retention), each holding at most
/// <see cref="TelemetryLimits.MaxSpansPerTrace"/> spans.
/// </summary>
public sealed class TraceStore(TelemetryLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<SpanRecord>> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();

    public int Add(IEnumerable<ResourceSpans> batch)
    {
        var added = 0;
        var spans = batch.SelectMany(resource => resource.ScopeSpans.SelectMany(scope => scope.Spans.Select(span =>
            ToRecord(span, OtlpValues.ServiceName(resource.Resource), scope.Scope?.Name ?? "")))).ToList();
        lock (_gate)
        {
            foreach (var span in spans)
            {
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    trace = [];
                    _traces[span.TraceId] = trace;
                    _order.AddLast(span.TraceId);
                    while (_order.Count > limits.MaxTraces)
                    {
                        _traces.Remove(_order.First!.Value);
                        _order.RemoveFirst();
                    }
                }

                if (trace.Count < limits.MaxSpansPerTrace)
                {
                    trace.Add(span);
                    added++;
                }
            }
        }

        return added;
    }

    /// <summary>
    /// Newest first; <paramref name="service"/> keeps traces that service took part in, <paramref name="text"/>
    /// matches span names, and <paramref name="hideLoneSpans"/> drops traces of one span that is not a
    /// request (a worker's polling query, a readiness check's query), which would otherwise bury the requests.
    /// </summary>
    public IReadOnlyList<TraceSummary> List(string? service, string? text, int limit, bool hideLoneSpans = false)
    {
        List<List<SpanRecord>> traces;
        lock (_gate)
        {
            traces = [.. _order.Reverse().Select(id => _traces[id].ToList())];
        }

        return [.. traces
            .Where(spans => service is null || spans.Any(s => string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase)))
            .Where(spans => text is null || spans.Any(s => s.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .Where(spans => !hideLoneSpans || spans.Count > 1 || spans[0].Kind is "Server" or "Consumer")
            .Select(Summarize)
            .Take(limit)];
    }

    public TraceDetail? Get(string traceId)
    {
        List<SpanRecord> spans;
        lock (_gate)
        {
            if (!_traces.TryGetValue(traceId.ToLowerInvariant(), out var trace))
            {
                return null;
            }

            spans = [.. trace];
        }

        var summary = Summarize(spans);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is { } parent && ids.Contains(parent))
            .ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        var ordered = new List<WaterfallSpan>(spans.Count);

        // Depth-first from the roots (spans whose parent is not here), children by start time.
        void Visit(SpanRecord span, int depth)
        {
            ordered.Add(new WaterfallSpan(span, depth, (span.Start - summary.Start).TotalMilliseconds));
            foreach (var child in children[span.SpanId].OrderBy(c => c.Start))
            {
                Visit(child, depth + 1);
            }
        }

        foreach (var root in spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start))
        {
            Visit(root, 0);
        }

        return new TraceDetail(summary, ordered);
    }

    private static TraceSummary Summarize(List<SpanRecord> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans.MinBy(s => s.Start)!;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var status = spans.Any(s => s.Status == "Error") ? "Error" : spans.Any(s => s.Status == "Ok") ? "Ok" : "Unset";
        return new TraceSummary(
            root.TraceId, root.Name, root.Service, start, (end - start).TotalMilliseconds, status, spans.Count,
            [.. spans.Select(s => s.Service).Distinct(StringComparer.Ordinal)]);
    }

    private static SpanRecord ToRecord(Span span, string service, string scope) => new(
        OtlpValues.Id(span.TraceId) ?? "",
        OtlpValues.Id(span.SpanId) ?? "",
        OtlpValues.Id(span.ParentSpanId),
        span.Name,
        service,
        scope,
        span.Kind switch
        {
            Span.Types.SpanKind.Server => "Server",
            Span.Types.SpanKind.Client => "Client",
            Span.Types.SpanKind.Producer => "Producer",
            Span.Types.SpanKind.Consumer => "Consumer",
            _ => "Internal",
        },
        OtlpValues.Time(span.StartTimeUnixNano),
        OtlpValues.Time(Math.Max(span.EndTimeUnixNano, span.StartTimeUnixNano)),
        span.Status?.Code switch
        {
            Status.Types.StatusCode.Error => "Error",
            Status.Types.StatusCode.Ok => "Ok",
            _ => "Unset",
        },
        string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
        OtlpValues.Attributes(span.Attributes));
}
