using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTabletop.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every OpenTabletop service shares: telemetry, logging, health checks, service discovery and
/// resilient HttpClients. In the Aspire template's namespace so services need no extra using.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureLogging();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        var drain = DrainSettings.From(builder.Configuration);
        builder.Services.AddSingleton(drain);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = drain.Timeout);
        builder.Services.AddHostedService<DrainDelay>();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthTags.Live])
            .AddCheck<DrainHealthCheck>("draining", tags: [HealthTags.Ready]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
