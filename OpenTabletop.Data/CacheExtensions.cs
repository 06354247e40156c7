using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenTabletop.Data;

public static class CacheExtensions
{
    /// <summary>
    /// HybridCache with an in-process L1 and, when <c>ConnectionStrings:{name}</c> or <c>REDIS_URL</c> is set,
    /// a Redis-protocol L2 (Redis, Garnet, Valkey). The cache only accelerates: connection failures are
    /// tolerated (never fatal at boot, short timeouts, HybridCache logs L2 errors and falls back to the source).
    /// </summary>
    public static IHostApplicationBuilder AddOpenTabletopCache(this IHostApplicationBuilder builder, string name)
    {
        string? connectionString;
        try
        {
            connectionString = ConnectionStrings.Cache(builder.Configuration, name);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Configuration error: REDIS_URL is not valid: {e.Message}", e);
        }

        builder.Services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(5),
                LocalCacheExpiration = TimeSpan.FromMinutes(1),
            };
        });

        if (connectionString is null)
        {
            builder.Services.AddSingleton(new CacheStatus(Configured: false, Endpoint: null));
            builder.Services.AddHostedService<InMemoryCacheWarning>();
            return builder;
        }

        var options = ParseResilient(connectionString, name);
        builder.Services.AddSingleton(new CacheStatus(Configured: true, Endpoint: string.Join(",", options.EndPoints)));
        RedisTracing.Register(builder.Services);
        builder.Services.AddSingleton<RedisConnection>(sp =>
            new RedisConnection(options, sp.GetRequiredService<RedisTracing>(), sp.GetRequiredService<ILogger<RedisConnection>>()));
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<RedisConnection>().Multiplexer);
        builder.Services.AddSingleton<IDistributedCache>(sp =>
        {
            var connection = sp.GetRequiredService<RedisConnection>();
            var redis = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = "ott:",
                ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer),
            }));
            return new ResilientDistributedCache(redis, sp.GetRequiredService<ILogger<ResilientDistributedCache>>());
        });
        return builder;
    }

    private static ConfigurationOptions ParseResilient(string connectionString, string name)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Configuration error: ConnectionStrings__{name} is not a valid Redis configuration: {e.Message}", e);
        }
        // Boot must not depend on the cache, and a slow cache must not hold requests for long.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.ConnectRetry = 1;
        // While disconnected, fail commands at once instead of queueing them until a timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }
}

/// <summary>Whether a shared (L2) cache is configured; exposed for diagnostics and tests.</summary>
public sealed record CacheStatus(bool Configured, string? Endpoint);

/// <summary>One multiplexer for the process, created on first use so boot never waits on the cache.</summary>
public sealed class RedisConnection(ConfigurationOptions options, RedisTracing tracing, ILogger<RedisConnection> logger) : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer> _multiplexer = new(() =>
    {
        var multiplexer = ConnectionMultiplexer.Connect(options);
        tracing.Trace(multiplexer);
        if (!multiplexer.IsConnected)
        {
            logger.LogWarning("The cache at {Endpoint} is not reachable yet; requests are served without it until it is.", string.Join(",", options.EndPoints));
        }
        return multiplexer;
    });

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}

internal sealed class InMemoryCacheWarning(ILogger<InMemoryCacheWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("No cache configured (ConnectionStrings__cache or REDIS_URL): caching in process memory only, not shared across replicas.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
