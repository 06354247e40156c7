using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace OpenTabletop.ServiceDefaults;

/// <summary>
/// One JSON object per line with trace_id and span_id, so log lines join their traces in any log
/// store. The built-in JSON formatter nests trace ids in scopes under other names.
/// </summary>
internal sealed class JsonLogFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "opentabletop-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("O"));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            if (logEntry.EventId.Id != 0) json.WriteNumber("event_id", logEntry.EventId.Id);
            var activity = Activity.Current;
            if (activity is not null)
            {
                json.WriteString("trace_id", activity.TraceId.ToHexString());
                json.WriteString("span_id", activity.SpanId.ToHexString());
            }
            if (logEntry.Exception is not null) json.WriteString("exception", logEntry.Exception.ToString());
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> state)
            {
                foreach (var (key, value) in state)
                {
                    if (key == "{OriginalFormat}") continue;
                    json.WriteString(ToSnake(key), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            if (options.CurrentValue.IncludeScopes && scopeProvider is not null)
            {
                scopeProvider.ForEachScope((scope, writer) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            if (key is "TraceId" or "SpanId" or "ParentId" or "{OriginalFormat}") continue;
                            writer.WriteString(ToSnake(key), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                }, json);
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    private static string ToSnake(string key) => JsonNamingPolicy.SnakeCaseLower.ConvertName(key);
}
