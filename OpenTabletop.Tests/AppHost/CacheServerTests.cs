using OpenTabletop.Tests.Fixtures;
using StackExchange.Redis;

namespace OpenTabletop.Tests.AppHost;

public sealed class CacheServerTests
{
    [Fact]
    public async Task EmbeddedGarnetAnswersPingAndKeepsValues()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cache = await RedisFixture.StartAsync(RedisFixture.GarnetProvider, ct);

        await AssertAnswersAsync(cache.ConnectionString);
        Assert.Equal("garnet", cache.Provider);
    }

    [Fact]
    public async Task RedisServerAnswersPingAndKeepsValues()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipUnless(RedisFixture.RedisServerInstalled, "redis-server is not installed.");
        await using var cache = await RedisFixture.StartAsync(RedisFixture.RedisProvider, ct);

        await AssertAnswersAsync(cache.ConnectionString);
        Assert.Equal("redis", cache.Provider);
    }

    [Fact]
    public async Task RedisServerLeavesNoProcessWhenDisposed()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipUnless(RedisFixture.RedisServerInstalled, "redis-server is not installed.");
        var cache = await RedisFixture.StartAsync(RedisFixture.RedisProvider, ct);
        int pid;
        try
        {
            pid = ServerProcessId(cache.ConnectionString);
        }
        finally
        {
            await cache.DisposeAsync();
        }

        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([pid], TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task DefaultFixturePrefersRedisServerWhenInstalled()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(RedisFixture.EnvironmentVariable) is not null, "OTT_TEST_REDIS chooses the server.");
        await using var cache = new RedisFixture();

        await cache.InitializeAsync();

        Assert.Equal(RedisFixture.RedisServerInstalled ? "redis" : "garnet", cache.Provider);
        await AssertAnswersAsync(cache.ConnectionString);
    }

    private static async Task AssertAnswersAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var database = connection.GetDatabase();

        var latency = await database.PingAsync();
        await database.StringSetAsync("ott:probe", "meeple");

        Assert.True(latency >= TimeSpan.Zero);
        Assert.Equal("meeple", (string?)await database.StringGetAsync("ott:probe"));
    }

    private static int ServerProcessId(string connectionString)
    {
        using var connection = ConnectionMultiplexer.Connect(connectionString + ",allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var processId = server.Info("server").SelectMany(group => group).Single(pair => pair.Key == "process_id").Value;
        return int.Parse(processId, System.Globalization.CultureInfo.InvariantCulture);
    }
}
