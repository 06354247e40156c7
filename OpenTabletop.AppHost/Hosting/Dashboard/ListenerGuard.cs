using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OpenTabletop.AppHost.Hosting.Dashboard;

/// <summary>
/// Keeps each listener to its job and guards it: the OTLP ports take only OTLP (with the
/// <c>x-otlp-api-key</c> header when a key is set); the UI port takes only the UI and its JSON API,
/// and, when a browser token is in force, only from a browser that presented it once as <c>?t=</c>
/// (which sets a cookie, as Aspire's dashboard does) or sends it as a bearer token.
/// </summary>
internal sealed class ListenerGuard(DashboardListeners listeners, string? browserToken, string? otlpApiKey)
{
    public const string CookieName = "ott_dashboard";
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    private readonly string? _cookieValue = browserToken is null
        ? null
        : Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(browserToken), "opentabletop-dashboard-session"u8));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var isOtlpPath = context.Request.Path.StartsWithSegments("/v1")
            || context.Request.Path.StartsWithSegments("/opentelemetry.proto.collector.trace.v1.TraceService")
            || context.Request.Path.StartsWithSegments("/opentelemetry.proto.collector.metrics.v1.MetricsService")
            || context.Request.Path.StartsWithSegments("/opentelemetry.proto.collector.logs.v1.LogsService");
        var port = context.Connection.LocalPort;
        if (port == listeners.OtlpGrpcPort || port == listeners.OtlpHttpPort)
        {
            if (!isOtlpPath)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (otlpApiKey is not null && !FixedTimeEquals(context.Request.Headers[OtlpApiKeyHeader].ToString(), otlpApiKey))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
            return;
        }

        if (isOtlpPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (browserToken is null || _cookieValue is null)
        {
            await next(context);
            return;
        }

        if (context.Request.Query["t"].ToString() is { Length: > 0 } presented && FixedTimeEquals(presented, browserToken))
        {
            context.Response.Cookies.Append(CookieName, _cookieValue, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
            // Drop the token from the address bar (and so from history and screenshots).
            var path = context.Request.Path == "/login" ? "/" : context.Request.Path.Value ?? "/";
            context.Response.Redirect(path);
            return;
        }

        var authorized = context.Request.Cookies[CookieName] is { } cookie && FixedTimeEquals(cookie, _cookieValue)
            || context.Request.Headers.Authorization.ToString() is { } header
                && header.StartsWith("Bearer ", StringComparison.Ordinal)
                && FixedTimeEquals(header["Bearer ".Length..], browserToken);
        if (!authorized)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Open the dashboard with the URL the AppHost printed (it carries ?t=<token>).", context.RequestAborted);
            return;
        }

        await next(context);
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}

/// <summary>The ports the dashboard ended up listening on (a default port may have been replaced by a free one).</summary>
internal sealed class DashboardListeners
{
    public int UiPort { get; set; }

    public int OtlpGrpcPort { get; set; }

    public int OtlpHttpPort { get; set; }
}
