namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

public sealed record HttpSummary(string Service, string? Route, ulong Requests, double RequestsPerSecond, double? P50Ms, double? P95Ms, double? P99Ms);

public sealed record CacheSummary(string Service, string Cache, double Hits, double Misses, double? HitRate);

public sealed record CountByLabel(string Service, string Label, double Count);

public sealed record InstrumentSummary(string Service, string Name, string Unit, string Type, int Series, double Latest);

public sealed record MetricsOverview(
    double WindowSeconds,
    IReadOnlyList<HttpSummary> Http,
    IReadOnlyList<CacheSummary> Caches,
    IReadOnlyList<CountByLabel> MaterializerRuns,
    IReadOnlyList<InstrumentSummary> Instruments);

/// <summary>The numbers the metrics page shows, computed from the stored series.</summary>
public static class MetricSummaries
{
    public const string RequestDuration = "http.server.request.duration";
    public const string CacheOperations = "opentabletop.cache.operations";
    public const string MaterializerRuns = "opentabletop.materializer.runs";

    public static MetricsOverview Overview(MetricStore store, TimeSpan window, DateTimeOffset now)
    {
        var all = store.Snapshot();
        var http = all.Where(s => s.Series.Name == RequestDuration && s.Series.Type == InstrumentType.Histogram).ToList();

        var perService = http.GroupBy(s => s.Series.Service, StringComparer.OrdinalIgnoreCase)
            .Select(g => Http(g.Key, null, g, window, now));
        var perRoute = http.GroupBy(s => (s.Series.Service, Route: s.Series.Attributes.GetValueOrDefault("http.route") ?? "(no route)"))
            .Select(g => Http(g.Key.Service, g.Key.Route, g, window, now))
            .Where(h => h.Requests > 0)
            .OrderByDescending(h => h.Requests);

        var caches = all.Where(s => s.Series.Name == CacheOperations)
            .GroupBy(s => (s.Series.Service, Cache: s.Series.Attributes.GetValueOrDefault("cache") ?? ""))
            .Select(g =>
            {
                var hits = g.Where(s => s.Series.Attributes.GetValueOrDefault("outcome") == "hit").Sum(s => Total(s.Series, s.Points));
                var misses = g.Where(s => s.Series.Attributes.GetValueOrDefault("outcome") == "miss").Sum(s => Total(s.Series, s.Points));
                return new CacheSummary(g.Key.Service, g.Key.Cache, hits, misses, hits + misses > 0 ? hits / (hits + misses) : null);
            })
            .OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Cache, StringComparer.Ordinal);

        var runs = all.Where(s => s.Series.Name == MaterializerRuns)
            .GroupBy(s => (s.Series.Service, Status: s.Series.Attributes.GetValueOrDefault("status") ?? ""))
            .Select(g => new CountByLabel(g.Key.Service, g.Key.Status, g.Sum(s => Total(s.Series, s.Points))));

        var instruments = all.GroupBy(s => (s.Series.Service, s.Series.Name))
            .Select(g => new InstrumentSummary(
                g.Key.Service,
                g.Key.Name,
                g.First().Series.Unit,
                g.First().Series.Type.ToString(),
                g.Count(),
                g.Sum(s => s.Series.Type == InstrumentType.Histogram ? s.Points.LastOrDefault()?.Count ?? 0 : s.Series.Type == InstrumentType.Sum ? Total(s.Series, s.Points) : s.Points.LastOrDefault()?.Value ?? 0)))
            .OrderBy(i => i.Service, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal);

        return new MetricsOverview(window.TotalSeconds, [.. perService, .. perRoute], [.. caches], [.. runs], [.. instruments]);
    }

    /// <summary>A counter's total since the process started: the last cumulative point, or the sum of delta points kept.</summary>
    public static double Total(MetricSeries series, List<MetricPoint> points) =>
        series.Cumulative ? points.LastOrDefault()?.Value ?? 0 : points.Sum(p => p.Value);

    /// <summary>
    /// Requests and latency over the last <paramref name="window"/>: each cumulative series contributes its
    /// latest point minus the last point older than the window (nothing, if it started within it).
    /// </summary>
    private static HttpSummary Http(string service, string? route, IEnumerable<(MetricSeries Series, List<MetricPoint> Points)> series, TimeSpan window, DateTimeOffset now)
    {
        var since = now - window;
        var totals = new BucketTotals();
        var earliest = now;
        foreach (var (s, points) in series)
        {
            if (points.Count == 0)
            {
                continue;
            }

            earliest = points[0].Time < earliest ? points[0].Time : earliest;
            if (s.Cumulative)
            {
                totals.Add(points[^1], points.LastOrDefault(p => p.Time <= since));
            }
            else
            {
                foreach (var point in points.Where(p => p.Time > since))
                {
                    totals.Add(point, null);
                }
            }
        }

        // A service up for less than the window has had fewer seconds to serve in.
        var seconds = Math.Max(1, Math.Min(window.TotalSeconds, (now - earliest).TotalSeconds));
        return new HttpSummary(
            service,
            route,
            totals.Count,
            totals.Count / seconds,
            totals.Percentile(0.50) * 1000,
            totals.Percentile(0.95) * 1000,
            totals.Percentile(0.99) * 1000);
    }
}
