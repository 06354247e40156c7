using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// Counts the database commands (round trips: a batch is one) executed on behalf of one piece of work,
/// typically one HTTP request to the in-process API. The work runs inside a fresh trace; HttpClient
/// propagates it (traceparent) to Kestrel, the server's request activity continues it, and every
/// Npgsql command activity started under it is counted. Commands of other tests running in parallel
/// belong to other traces and are not counted.
/// </summary>
public static class CommandCounter
{
    private const string NpgsqlSource = "Npgsql";

    /// <param name="Commands">The SQL of each command or batch executed.</param>
    /// <param name="Connects">Physical connections opened meanwhile (pool misses; not counted as commands).</param>
    public sealed record Counted<T>(T Result, IReadOnlyList<string> Commands, IReadOnlyList<string> Connects)
    {
        public int Count => Commands.Count;

        /// <summary>The commands, for assertion messages.</summary>
        public string Describe() =>
            $"{Count} command(s), {Connects.Count} connection(s) opened:\n  " + string.Join("\n  ", Commands);
    }

    public static async Task<Counted<T>> CountAsync<T>(Func<Task<T>> work)
    {
        var commands = new ConcurrentQueue<string>();
        var connects = new ConcurrentQueue<string>();
        using var trace = new Activity("OpenTabletop.Tests.CommandCounter");
        trace.SetIdFormat(ActivityIdFormat.W3C);
        trace.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        trace.Start();
        var traceId = trace.TraceId;

        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == NpgsqlSource,
            // Recorded, so that Npgsql creates its activities whatever the app's own sampling decides.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Tags are complete when an activity stops, and every command has stopped before the response is sent.
            ActivityStopped = activity =>
            {
                if (activity.TraceId != traceId) return;
                // Npgsql also traces physical connection opens (CONNECT, no query text): pool misses, not commands.
                if (activity.GetTagItem("db.query.text") is string query) commands.Enqueue(query);
                else connects.Enqueue(activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var result = await work();
        return new Counted<T>(result, [.. commands], [.. connects]);
    }
}
