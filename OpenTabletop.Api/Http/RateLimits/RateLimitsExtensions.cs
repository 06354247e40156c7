using Microsoft.AspNetCore.HttpOverrides;

namespace OpenTabletop.Api.Http.RateLimits;

public static class RateLimitsExtensions
{
    /// <summary>The limits (validated now), both stores and the trusted proxies.</summary>
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = RateLimitSettings.From(builder.Configuration);
        // Parsed now, so that a bad TRUSTED_PROXIES stops the boot rather than the first request.
        var proxies = new ProxyTrust(TrustedProxies.Any(builder.Configuration));
        builder.Services.Configure<ForwardedHeadersOptions>(options => TrustedProxies.Configure(options, builder.Configuration));
        builder.Services.AddSingleton(settings).AddSingleton(proxies).AddSingleton<LocalRateLimitStore>().AddSingleton<RateLimiter>();
        return builder;
    }

    /// <summary>X-Forwarded-For is read only when TRUSTED_PROXIES names a proxy.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ProxyTrust>().Any) app.UseForwardedHeaders();
        return app;
    }

    private sealed record ProxyTrust(bool Any);
}
