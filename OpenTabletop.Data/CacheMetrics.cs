using System.Diagnostics.Metrics;

namespace OpenTabletop.Data;

/// <summary>
/// Hits and misses of every cache the services keep (exported with the service defaults'
/// OpenTelemetry setup, which takes every <c>OpenTabletop.*</c> meter), by <c>cache</c> name and
/// <c>outcome</c>, so a hit rate is one PromQL division.
/// </summary>
public static class CacheMetrics
{
    private static readonly Meter Meter = new("OpenTabletop.Cache");

    private static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        "opentabletop.cache.operations", unit: "{operation}", description: "Cache look-ups by cache and outcome (hit, miss).");

    public static void Hit(string cache) => Record(cache, "hit");

    public static void Miss(string cache) => Record(cache, "miss");

    private static void Record(string cache, string outcome) =>
        Operations.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("outcome", outcome));
}
