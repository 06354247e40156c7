using System.Globalization;
using OpenTabletop.Api.Http.ApiKeys;

namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// Every request but the probes and metrics takes a token: a valid API key's bucket, otherwise the
/// client address's (an invalid key counts against the address, so guessing keys is limited too).
/// X-RateLimit-Limit, -Remaining and -Reset (epoch seconds when the bucket is full again) go on every
/// response, set when it starts so that even an error page carries them; an empty bucket answers 429
/// with Retry-After and a problem.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter, ApiKeyVerifier keys)
{
    private static readonly string[] Unlimited = ["/healthz", "/readyz", "/health", "/alive", "/metrics"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (Unlimited.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var bucket = "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var authenticated = false;
        if (context.Request.Headers.TryGetValue(ApiKeyMiddleware.Header, out var presented)
            && (await keys.VerifyAsync(presented.ToString().Trim(), context.RequestAborted)).Key is { } key)
        {
            bucket = "key:" + key.Id.ToString("D");
            authenticated = true;
        }

        var decision = await limiter.TakeAsync(bucket, authenticated);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = decision.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (!decision.Allowed)
        {
            context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Create(StatusCodes.Status429TooManyRequests,
                $"You have exceeded the rate limit of {decision.Limit} requests per minute{(authenticated ? " for this API key" : "")}; retry in {decision.RetryAfterSeconds} s.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
