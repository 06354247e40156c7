using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>
/// Looks up a presented key, remembering the answer (found or not) for <see cref="Remembered"/>, so
/// that a busy key costs one query every few seconds rather than one per request. A revocation or
/// expiry therefore takes effect within that time on every replica; one made through this replica's
/// admin endpoints takes effect at once (<see cref="Forget"/>).
/// </summary>
public sealed class ApiKeyVerifier(ApiKeyStore store, IMemoryCache cache, TimeProvider time, ILogger<ApiKeyVerifier> logger)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTime> _touched = new();
    private readonly ConcurrentDictionary<Guid, string> _cacheKeys = new();

    /// <summary>The key when it is valid now; otherwise null and why (unknown, revoked, not yet valid, expired).</summary>
    public async Task<(ApiKeyRecord? Key, string? Refusal)> VerifyAsync(string presented, CancellationToken ct)
    {
        var cacheKey = "api-key:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented)));
        if (cache.TryGetValue(cacheKey, out ApiKeyRecord? key))
        {
            CacheMetrics.Hit("api_keys");
        }
        else
        {
            CacheMetrics.Miss("api_keys");
            key = presented.StartsWith(ApiKeyStore.Prefix, StringComparison.Ordinal) && presented.Length < 200
                ? await store.FindAsync(presented, ct)
                : null;
            cache.Set(cacheKey, key, Remembered);
            if (key is not null) _cacheKeys[key.Id] = cacheKey;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (key is null) return (null, "The API key is not known.");
        if (key.RefusalAt(now) is { } refusal) return (null, refusal);
        Touch(key.Id, now);
        return (key, null);
    }

    /// <summary>Drops what this replica remembers of a key (after revoking or rotating it here).</summary>
    public void Forget(Guid id)
    {
        if (_cacheKeys.TryRemove(id, out var cacheKey)) cache.Remove(cacheKey);
    }

    /// <summary>last_used_at, at most once a minute per key and off the request's path; a failure only logs.</summary>
    private void Touch(Guid id, DateTime now)
    {
        if (_touched.TryGetValue(id, out var last) && now - last < TouchEvery) return;
        _touched[id] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await store.TouchAsync(id, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not record the use of API key {KeyId}.", id);
            }
        });
    }
}
