using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpenTabletop.Data;

/// <summary>
/// Wraps the shared (L2) cache so that an outage degrades to "miss" instead of an error: reads
/// return nothing, writes and removals are dropped. HybridCache tolerates most L2 failures itself,
/// but not all (a failed remove throws), and the cache must never fail a request.
/// </summary>
public sealed class ResilientDistributedCache(IDistributedCache inner, ILogger<ResilientDistributedCache> logger) : IDistributedCache
{
    private long _lastWarningTicks;

    public byte[]? Get(string key) => Guard(() => inner.Get(key), default(byte[]));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        GuardAsync(() => inner.GetAsync(key, token), default(byte[]));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);

    private T Guard<T>(Func<T> action, T fallback)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            Warn(e);
            return fallback;
        }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> action, T fallback)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            Warn(e);
            return fallback;
        }
    }

    private static bool IsCacheFailure(Exception e) =>
        e is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException;

    // One warning per minute at most: an outage must not flood the logs at request rate.
    private void Warn(Exception e)
    {
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastWarningTicks, now, last) != last) return;
        logger.LogWarning("The shared cache is unavailable; serving from the source until it is back: {Reason}", e.Message);
    }
}
