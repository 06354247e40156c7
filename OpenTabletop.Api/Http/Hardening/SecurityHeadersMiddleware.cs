namespace OpenTabletop.Api.Http.Hardening;

/// <summary>
/// Headers that keep a browser from misusing API responses: no MIME sniffing, never framed, no
/// referrer, and (outside the /docs page, which runs its own scripts) a content policy that lets a
/// response load nothing. HSTS only over HTTPS (a browser ignores it otherwise).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        context.Response.OnStarting(() =>
        {
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/docs"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
