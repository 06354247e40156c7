using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.Hardening;

/// <summary>
/// CORS_ORIGINS: the browser origins allowed to call the API from their pages (comma-separated, e.g.
/// <c>https://app.example.org</c>), or <c>*</c> for any, which is refused outside Development: a
/// public read API could allow it, but an operator should say which sites use the keys they issue.
/// Unset: no cross-origin access.
/// </summary>
public sealed record CorsSettings(IReadOnlyList<string> Origins, bool AnyOrigin)
{
    public const string Variable = "CORS_ORIGINS";

    /// <summary>What a page may read and send beyond the CORS safelist.</summary>
    public static readonly string[] ExposedHeaders =
        ["ETag", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
         "X-Export-Row-Count", "X-Export-Format", "X-Export-Schema-Version", "X-Export-Generated-At", "Idempotent-Replayed"];

    public static readonly string[] AllowedHeaders = ["Content-Type", "X-API-Key", "Idempotency-Key", "If-None-Match"];

    public static CorsSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var entries = (configuration[Variable] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Contains("*"))
        {
            if (!environment.IsDevelopment())
            {
                throw new ConfigurationException(Variable, "may not be '*' outside Development: list the origins (scheme://host[:port]) that may call the API.");
            }
            return new CorsSettings([], true);
        }
        foreach (var origin in entries)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                throw new ConfigurationException(Variable, $"must list origins as scheme://host[:port] (no path), not '{origin}'.");
            }
        }
        return new CorsSettings(entries, false);
    }
}
