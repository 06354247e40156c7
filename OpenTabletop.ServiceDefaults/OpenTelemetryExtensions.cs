using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTabletop.ServiceDefaults;

public static class OpenTelemetryExtensions
{
    /// <summary>Activity sources and meters of our own code all start with this prefix.</summary>
    public const string SourcePrefix = "OpenTabletop";

    private static readonly string[] UnsampledPaths = ["/healthz", "/readyz", "/health", "/alive", "/metrics"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter($"{SourcePrefix}.*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{SourcePrefix}.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsProbe(ctx.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // Exporting is opt-in: the AppHost (or an operator) sets OTEL_EXPORTER_OTLP_ENDPOINT, and the
        // standard OTEL_* variables (protocol, headers, service name, resource attributes) apply. Aspire's
        // dashboard variables win over it, so the standalone Aspire dashboard receives everything.
        switch (OtlpTarget.Select(builder.Configuration))
        {
            case { Endpoint: { } endpoint, Protocol: { } protocol }:
                builder.Services.AddOpenTelemetry().UseOtlpExporter(protocol, endpoint);
                break;
            case not null:
                builder.Services.AddOpenTelemetry().UseOtlpExporter();
                break;
        }

        return builder;
    }

    private static bool IsProbe(PathString path) =>
        UnsampledPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
