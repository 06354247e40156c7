namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// A limit of N requests a minute as a token bucket: it holds at most N tokens, refills at N a minute,
/// and each request takes one. A client may burst up to N and then goes at the refill rate, with no
/// cliff at a window's edge. Both stores (shared and in-process) compute exactly this.
/// </summary>
public static class TokenBucket
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>The tokens after refilling from <paramref name="tokens"/> at <paramref name="then"/> until <paramref name="now"/>.</summary>
    public static double Refill(double tokens, long then, long now, int limit) =>
        Math.Min(limit, tokens + Math.Max(0, now - then) * RatePerMillisecond(limit));

    public static double RatePerMillisecond(int limit) => limit / Period.TotalMilliseconds;

    /// <summary>The answer for a bucket holding <paramref name="tokens"/> after this request took one, or could not.</summary>
    public static RateDecision Decide(bool allowed, double tokens, int limit, long now)
    {
        var rate = RatePerMillisecond(limit);
        // Full again: every token back. The next token: what a refused client waits for.
        var full = now + (long)Math.Ceiling((limit - tokens) / rate);
        var retryAfter = allowed ? 0 : (int)Math.Max(1, Math.Ceiling((1 - tokens) / rate / 1000));
        return new RateDecision(allowed, limit, (int)Math.Floor(tokens), DateTimeOffset.FromUnixTimeMilliseconds(full), retryAfter);
    }
}

/// <summary>Whether a request may go ahead, and the X-RateLimit-* and Retry-After values to send.</summary>
public sealed record RateDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset Reset, int RetryAfterSeconds);
