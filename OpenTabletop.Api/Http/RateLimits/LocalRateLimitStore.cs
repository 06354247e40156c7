using System.Collections.Concurrent;

namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// Token buckets in this process: the limits when no cache is configured, and the fallback while the
/// shared one is unreachable (each replica then counts on its own, so a client may get up to the
/// limit from each).
/// </summary>
public sealed class LocalRateLimitStore(TimeProvider time)
{
    private const int SweepAbove = 100_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public RateDecision Take(string key, int limit)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_buckets.Count > SweepAbove) Sweep(now);
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(limit, now));
        lock (bucket)
        {
            bucket.Tokens = TokenBucket.Refill(bucket.Tokens, bucket.At, now, limit);
            bucket.At = now;
            var allowed = bucket.Tokens >= 1;
            if (allowed) bucket.Tokens -= 1;
            return TokenBucket.Decide(allowed, bucket.Tokens, limit, now);
        }
    }

    /// <summary>Forgets buckets that have refilled completely (they would start full anyway), so many clients cannot grow memory for ever.</summary>
    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (now - bucket.At > TokenBucket.Period.TotalMilliseconds) _buckets.TryRemove(key, out _);
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens { get; set; } = tokens;
        public long At { get; set; } = at;
    }
}
