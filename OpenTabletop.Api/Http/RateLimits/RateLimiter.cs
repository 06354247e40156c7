using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// Takes a token for a caller from the shared buckets when a cache is configured and reachable, and
/// from this process's buckets otherwise: a cache that is down or slow never fails a request, it only
/// makes the limits per replica until it is back.
/// </summary>
public sealed partial class RateLimiter(
    RateLimitSettings settings, LocalRateLimitStore local, ILogger<RateLimiter> logger, TimeProvider time, IServiceProvider services)
{
    public const string MeterName = "OpenTabletop.Api.RateLimits";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("opentabletop.rate_limit.decisions", "{request}",
        "Requests counted against a rate limit, by outcome (allowed, limited) and store (shared, local).");

    private readonly SharedRateLimitStore? _shared = services.GetService<IConnectionMultiplexer>() is { } redis ? new SharedRateLimitStore(redis, time) : null;
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private long _lastWarning;

    public RateLimitSettings Settings => settings;

    public async Task<RateDecision> TakeAsync(string key, bool authenticated)
    {
        var limit = authenticated ? settings.Authenticated : settings.Anonymous;
        RateDecision decision;
        string store;
        if (_shared is not null && _redis!.IsConnected)
        {
            try
            {
                decision = await _shared.TakeAsync(key, limit);
                store = "shared";
            }
            catch (Exception e) when (e is RedisException or TimeoutException or RedisTimeoutException)
            {
                Warn(e);
                decision = local.Take(key, limit);
                store = "local";
            }
        }
        else
        {
            if (_shared is not null) Warn(null);
            decision = local.Take(key, limit);
            store = "local";
        }
        Decisions.Add(1, new KeyValuePair<string, object?>("outcome", decision.Allowed ? "allowed" : "limited"), new KeyValuePair<string, object?>("store", store));
        return decision;
    }

    /// <summary>At most once a minute: the shared limits are unavailable and this replica counts alone.</summary>
    private void Warn(Exception? e)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarning);
        if (last != 0 && now - last < 60_000) return;
        if (Interlocked.CompareExchange(ref _lastWarning, now, last) != last) return;
        SharedUnavailable(e);
    }

    [LoggerMessage(LogLevel.Warning, "The cache is unreachable: rate limits are counted by this replica alone until it is back.")]
    private partial void SharedUnavailable(Exception? e);
}
