using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace OpenTabletop.Data;

/// <summary>
/// The cache's commands as client spans beneath the request that sent them. The instrumentation is
/// registered without a connection, because resolving one while the tracer provider builds would
/// connect at boot, and boot never waits on the cache; <see cref="RedisConnection"/> hands it the
/// multiplexer when it creates it, on first use.
/// </summary>
public sealed class RedisTracing
{
    /// <summary>A key no connection is registered under: the instrumentation then starts with none.</summary>
    private static readonly object NoConnection = new();

    private StackExchangeRedisInstrumentation? _instrumentation;

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<RedisTracing>();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            // Spans are made when the profiling sessions are polled; a short interval shows them within a second.
            .AddRedisInstrumentation("cache", NoConnection, options => options.FlushInterval = TimeSpan.FromSeconds(1))
            .ConfigureRedisInstrumentation((sp, instrumentation) => sp.GetRequiredService<RedisTracing>()._instrumentation = instrumentation));
    }

    /// <summary>Traces <paramref name="multiplexer"/>'s commands when tracing is on (a process without a tracer provider has none).</summary>
    public void Trace(IConnectionMultiplexer multiplexer) => _instrumentation?.AddConnection("cache", multiplexer);
}
