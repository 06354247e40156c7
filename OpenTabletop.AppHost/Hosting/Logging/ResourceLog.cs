using Microsoft.Extensions.Logging;

namespace OpenTabletop.AppHost.Hosting.Logging;

/// <summary>
/// The output of one resource: kept in a bounded buffer so that a failure can show what led to it,
/// and echoed through a logger whose category is the resource name (printed as <c>[name] line</c>).
/// </summary>
public sealed class ResourceLog(string resourceName, ILogger? echo = null, int capacity = 1000)
{
    private readonly Queue<ResourceLogLine> _lines = new();
    private readonly Lock _gate = new();
    private long _written;

    public string ResourceName { get; } = resourceName;

    public void Write(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(new ResourceLogLine(++_written, DateTimeOffset.UtcNow, line));
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }

        // stderr is not a severity: PostgreSQL, for one, writes all its logging there.
        echo?.Log(LogLevel.Information, "{Line}", line);
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Text)];
        }
    }

    /// <summary>
    /// The kept lines numbered above <paramref name="after"/> (at most <paramref name="max"/>, the newest
    /// ones), so a reader polling with the last number it saw gets each line once.
    /// </summary>
    public IReadOnlyList<ResourceLogLine> ReadAfter(long after, int max)
    {
        lock (_gate)
        {
            var newer = _lines.Where(l => l.Number > after).ToList();
            return newer.Count > max ? newer[^max..] : newer;
        }
    }

    /// <summary>The last lines, each prefixed with the resource name, for an error message.</summary>
    public string FormatTail(int count = 20)
    {
        var tail = Tail(count);
        return tail.Count == 0
            ? $"[{ResourceName}] (no output)"
            : string.Join(System.Environment.NewLine, tail.Select(line => $"[{ResourceName}] {line}"));
    }
}

/// <summary>A line of a resource's output, numbered from 1 in the order it was written.</summary>
public sealed record ResourceLogLine(long Number, DateTimeOffset Time, string Text);
