using System.Globalization;
using StackExchange.Redis;

namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// Token buckets in the Redis-protocol cache, shared by every replica: one Lua script refills, takes
/// and stores a bucket atomically (a hash of tokens and time, expiring once it would be full again).
/// The time is the replica's (clocks agree to well within the refill of one token).
/// </summary>
public sealed class SharedRateLimitStore(IConnectionMultiplexer redis, TimeProvider time)
{
    private const string Script = """
        local bucket = redis.call('HMGET', KEYS[1], 't', 'at')
        local limit = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local now = tonumber(ARGV[3])
        local tokens = tonumber(bucket[1])
        local at = tonumber(bucket[2])
        if tokens == nil or at == nil then
          tokens = limit
          at = now
        end
        if now > at then tokens = math.min(limit, tokens + (now - at) * rate) end
        local allowed = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        end
        redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(math.max(now, at)))
        redis.call('PEXPIRE', KEYS[1], math.ceil((limit - tokens) / rate) + 1000)
        return {allowed, tostring(tokens)}
        """;

    public async Task<RateDecision> TakeAsync(string key, int limit)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [new RedisKey("ott:rl:" + key)],
            [limit, TokenBucket.RatePerMillisecond(limit).ToString("R", CultureInfo.InvariantCulture), now]))!;
        var tokens = double.Parse((string)result[1]!, CultureInfo.InvariantCulture);
        return TokenBucket.Decide((int)result[0] == 1, tokens, limit, now);
    }
}
