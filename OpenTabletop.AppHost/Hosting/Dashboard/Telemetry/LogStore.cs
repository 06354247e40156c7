using System.Runtime.InteropServices;
using OpenTelemetry.Proto.Logs.V1;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

/// <summary>The last <see cref="TelemetryLimits.MaxLogsPerResource"/> structured log records of each resource.</summary>
public sealed class LogStore(TelemetryLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<LogRecordView>> _byService = new(StringComparer.OrdinalIgnoreCase);
    private long _nextId;

    public int Add(IEnumerable<ResourceLogs> batch)
    {
        var added = 0;
        lock (_gate)
        {
            foreach (var resource in batch)
            {
                var service = OtlpValues.ServiceName(resource.Resource);
                var queue = CollectionsMarshal.GetValueRefOrAddDefault(_byService, service, out _) ??= new Queue<LogRecordView>();

                foreach (var scope in resource.ScopeLogs)
                {
                    foreach (var record in scope.LogRecords)
                    {
                        queue.Enqueue(ToView(++_nextId, record, service, scope.Scope?.Name ?? ""));
                        added++;
                        while (queue.Count > limits.MaxLogsPerResource)
                        {
                            queue.Dequeue();
                        }
                    }
                }
            }
        }

        return added;
    }

    /// <summary>Newest first, filtered by resource, lowest level (OTLP severity number), trace and text in message or attributes.</summary>
    public IReadOnlyList<LogRecordView> Query(string? service, int minSeverity, string? traceId, string? text, int limit)
    {
        List<LogRecordView> all;
        lock (_gate)
        {
            all = [.. _byService.Where(pair => service is null || string.Equals(pair.Key, service, StringComparison.OrdinalIgnoreCase))
                .SelectMany(pair => pair.Value)];
        }

        return [.. all
            .Where(r => r.Severity >= minSeverity)
            .Where(r => traceId is null || string.Equals(r.TraceId, traceId, StringComparison.OrdinalIgnoreCase))
            .Where(r => text is null
                || r.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(r => r.Id)
            .Take(limit)];
    }

    private static LogRecordView ToView(long id, LogRecord record, string service, string scope)
    {
        var attributes = OtlpValues.Attributes(record.Attributes);
        // The formatted message is the body; the template is noise next to it.
        attributes.Remove("{OriginalFormat}");
        var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
        var severity = (int)record.SeverityNumber;
        return new LogRecordView(
            id,
            time == 0 ? DateTimeOffset.UtcNow : OtlpValues.Time(time),
            service,
            LevelName(severity, record.SeverityText),
            severity,
            OtlpValues.Text(record.Body),
            scope,
            OtlpValues.Id(record.TraceId),
            OtlpValues.Id(record.SpanId),
            attributes);
    }

    /// <summary>OTLP severity numbers in the level names .NET developers know.</summary>
    public static string LevelName(int severity, string? text = null) => severity switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => string.IsNullOrEmpty(text) ? "Unspecified" : text,
    };

    /// <summary>The lowest OTLP severity number of a level name (for the ?level= filter).</summary>
    public static int MinSeverity(string? level) => level?.ToLowerInvariant() switch
    {
        "trace" => 1,
        "debug" => 5,
        "information" or "info" => 9,
        "warning" or "warn" => 13,
        "error" => 17,
        "critical" or "fatal" => 21,
        _ => 0,
    };
}
