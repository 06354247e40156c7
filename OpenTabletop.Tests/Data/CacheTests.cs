using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTabletop.Data;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Data;

public sealed class CacheTests
{
    [Fact]
    public async Task ReplicasShareEntriesThroughARealRedisServer()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(RedisFixture.RedisServerInstalled, "redis-server must be installed for this test (apt-get install redis-server).");
        await using var redis = await RedisFixture.StartAsync(RedisFixture.RedisProvider, ct);
        await using var replicaA = Services(("ConnectionStrings:cache", redis.ConnectionString));
        await using var replicaB = Services(("ConnectionStrings:cache", redis.ConnectionString));
        var key = $"game:{Guid.NewGuid():N}";

        await replicaA.GetRequiredService<HybridCache>().SetAsync(key, "from replica A", cancellationToken: ct);
        var written = await replicaA.GetRequiredService<HybridCache>().GetOrCreateAsync(key, _ => ValueTask.FromResult("recomputed"), cancellationToken: ct);
        var read = await replicaB.GetRequiredService<HybridCache>().GetOrCreateAsync(key, _ => ValueTask.FromResult("from replica B"), cancellationToken: ct);

        Assert.Equal("from replica A", written);
        Assert.Equal("from replica A", read);
        Assert.True(replicaA.GetRequiredService<CacheStatus>().Configured);
    }

    [Fact]
    public async Task GarnetServesAsTheSharedCacheToo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var garnet = await RedisFixture.StartAsync(RedisFixture.GarnetProvider, ct);
        await using var replicaA = Services(("ConnectionStrings:cache", garnet.ConnectionString));
        await using var replicaB = Services(("ConnectionStrings:cache", garnet.ConnectionString));
        var key = $"game:{Guid.NewGuid():N}";

        await replicaA.GetRequiredService<HybridCache>().SetAsync(key, 42, cancellationToken: ct);
        var read = await replicaB.GetRequiredService<HybridCache>().GetOrCreateAsync(key, _ => ValueTask.FromResult(7), cancellationToken: ct);

        Assert.Equal(42, read);
    }

    [Fact]
    public async Task CacheOutageNeverFailsTheCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        // Nothing listens on port 1: every L2 call fails, and the value still comes from the source.
        await using var services = Services(("ConnectionStrings:cache", "127.0.0.1:1"));
        var cache = services.GetRequiredService<HybridCache>();

        var first = await cache.GetOrCreateAsync("outage", _ => ValueTask.FromResult("from the database"), cancellationToken: ct);
        await cache.RemoveAsync("outage", ct);
        var second = await cache.GetOrCreateAsync("outage", _ => ValueTask.FromResult("from the database again"), cancellationToken: ct);

        Assert.Equal("from the database", first);
        Assert.Equal("from the database again", second);
    }

    [Fact]
    public async Task WithNoCacheConfiguredEverythingWorksInMemory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = Services();
        var cache = services.GetRequiredService<HybridCache>();

        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(1), cancellationToken: ct);
        var cached = await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(2), cancellationToken: ct);

        Assert.Equal(1, cached);
        Assert.False(services.GetRequiredService<CacheStatus>().Configured);
    }

    private static ServiceProvider Services(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddLogging();
        builder.AddOpenTabletopCache("cache");
        return builder.Services.BuildServiceProvider();
    }
}
