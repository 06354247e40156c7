using System.Runtime.InteropServices;
using OpenTelemetry.Proto.Metrics.V1;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

public enum InstrumentType
{
    Gauge,
    Sum,
    Histogram,
}

/// <summary>One received point of a series: a number, or a histogram's count, sum and buckets.</summary>
public sealed record MetricPoint(DateTimeOffset Time, double Value, ulong Count, IReadOnlyList<double> Bounds, IReadOnlyList<ulong> BucketCounts);

/// <summary>One instrument of one resource with one set of attribute values, and its last points.</summary>
public sealed class MetricSeries(string service, string name, string unit, InstrumentType type, bool cumulative, IReadOnlyDictionary<string, string> attributes)
{
    private readonly Queue<MetricPoint> _points = new();

    public string Service { get; } = service;

    public string Name { get; } = name;

    public string Unit { get; } = unit;

    public InstrumentType Type { get; } = type;

    /// <summary>Cumulative points each hold the total since start; delta points hold one interval each.</summary>
    public bool Cumulative { get; } = cumulative;

    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

    /// <summary>A copy, oldest first; the caller holds the store's lock.</summary>
    internal List<MetricPoint> Points => [.. _points];

    internal void Add(MetricPoint point, int max)
    {
        _points.Enqueue(point);
        while (_points.Count > max)
        {
            _points.Dequeue();
        }
    }
}

/// <summary>
/// The last <see cref="TelemetryLimits.MaxPointsPerSeries"/> points of every series, at most
/// <see cref="TelemetryLimits.MaxSeriesPerResource"/> series per resource (later new series are dropped).
/// </summary>
public sealed class MetricStore(TelemetryLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, MetricSeries>> _byService = new(StringComparer.OrdinalIgnoreCase);

    public int Add(IEnumerable<ResourceMetrics> batch)
    {
        var added = 0;
        lock (_gate)
        {
            foreach (var resource in batch)
            {
                var service = OtlpValues.ServiceName(resource.Resource);
                var series = CollectionsMarshal.GetValueRefOrAddDefault(_byService, service, out _) ??= new Dictionary<string, MetricSeries>(StringComparer.Ordinal);

                foreach (var metric in resource.ScopeMetrics.SelectMany(scope => scope.Metrics))
                {
                    added += AddMetric(service, series, metric);
                }
            }
        }

        return added;
    }

    /// <summary>Copies of the series (with their points) that match, for the summaries to compute on outside the lock.</summary>
    public IReadOnlyList<(MetricSeries Series, List<MetricPoint> Points)> Snapshot(string? service = null, string? name = null)
    {
        lock (_gate)
        {
            return [.. _byService
                .Where(pair => service is null || string.Equals(pair.Key, service, StringComparison.OrdinalIgnoreCase))
                .SelectMany(pair => pair.Value.Values)
                .Where(s => name is null || s.Name == name)
                .Select(s => (s, s.Points))];
        }
    }

    private int AddMetric(string service, Dictionary<string, MetricSeries> series, Metric metric)
    {
        var added = 0;
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                foreach (var point in metric.Gauge.DataPoints)
                {
                    added += Append(service, series, metric, InstrumentType.Gauge, false, point.Attributes, Number(point));
                }

                break;
            case Metric.DataOneofCase.Sum:
                var cumulativeSum = metric.Sum.AggregationTemporality != AggregationTemporality.Delta;
                foreach (var point in metric.Sum.DataPoints)
                {
                    added += Append(service, series, metric, InstrumentType.Sum, cumulativeSum, point.Attributes, Number(point));
                }

                break;
            case Metric.DataOneofCase.Histogram:
                var cumulativeHistogram = metric.Histogram.AggregationTemporality != AggregationTemporality.Delta;
                foreach (var point in metric.Histogram.DataPoints)
                {
                    var value = new MetricPoint(OtlpValues.Time(point.TimeUnixNano), point.HasSum ? point.Sum : 0, point.Count, [.. point.ExplicitBounds], [.. point.BucketCounts]);
                    added += Append(service, series, metric, InstrumentType.Histogram, cumulativeHistogram, point.Attributes, value);
                }

                break;
        }

        return added;
    }

    private int Append(
        string service,
        Dictionary<string, MetricSeries> series,
        Metric metric,
        InstrumentType type,
        bool cumulative,
        Google.Protobuf.Collections.RepeatedField<OpenTelemetry.Proto.Common.V1.KeyValue> attributes,
        MetricPoint point)
    {
        var values = OtlpValues.Attributes(attributes);
        var key = metric.Name + "|" + string.Join("|", values.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        if (!series.TryGetValue(key, out var target))
        {
            if (series.Count >= limits.MaxSeriesPerResource)
            {
                return 0;
            }

            target = new MetricSeries(service, metric.Name, metric.Unit, type, cumulative, values);
            series[key] = target;
        }

        target.Add(point, limits.MaxPointsPerSeries);
        return 1;
    }

    private static MetricPoint Number(NumberDataPoint point) => new(
        OtlpValues.Time(point.TimeUnixNano),
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble,
        0,
        [],
        []);
}
