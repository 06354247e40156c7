namespace OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;

/// <summary>A histogram's buckets merged across series, and percentiles read from them.</summary>
public sealed class BucketTotals
{
    private double[] _bounds = [];
    private ulong[] _counts = [];

    public ulong Count { get; private set; }

    public double Sum { get; private set; }

    /// <summary>Adds <paramref name="point"/> minus <paramref name="baseline"/> (the same series earlier; null = nothing before).</summary>
    public void Add(MetricPoint point, MetricPoint? baseline)
    {
        if (_counts.Length == 0)
        {
            _bounds = [.. point.Bounds];
            _counts = new ulong[point.BucketCounts.Count];
        }

        // Series with other boundaries cannot be merged bucket by bucket; the instrument defines them, so this is rare.
        if (!_bounds.SequenceEqual(point.Bounds) || _counts.Length != point.BucketCounts.Count)
        {
            return;
        }

        var sameShape = baseline is not null && baseline.BucketCounts.Count == point.BucketCounts.Count;
        for (var i = 0; i < _counts.Length; i++)
        {
            var before = sameShape ? baseline!.BucketCounts[i] : 0;
            _counts[i] += point.BucketCounts[i] >= before ? point.BucketCounts[i] - before : point.BucketCounts[i];
        }

        var countBefore = sameShape ? baseline!.Count : 0;
        Count += point.Count >= countBefore ? point.Count - countBefore : point.Count;
        Sum += point.Value - (sameShape ? baseline!.Value : 0);
    }

    /// <summary>
    /// The value below which <paramref name="quantile"/> of the observations fall, interpolated linearly
    /// inside the bucket that holds it (as Prometheus' histogram_quantile does); null without observations.
    /// </summary>
    public double? Percentile(double quantile)
    {
        if (Count == 0 || _counts.Length == 0)
        {
            return null;
        }

        var rank = quantile * Count;
        ulong seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0 || seen + _counts[i] < rank)
            {
                seen += _counts[i];
                continue;
            }

            var lower = i == 0 ? 0 : _bounds[i - 1];
            if (i >= _bounds.Length)
            {
                // The overflow bucket has no upper bound: its lower bound is all that is known.
                return lower;
            }

            var upper = _bounds[i];
            return lower + (upper - lower) * ((rank - seen) / _counts[i]);
        }

        return _bounds.Length > 0 ? _bounds[^1] : null;
    }
}
