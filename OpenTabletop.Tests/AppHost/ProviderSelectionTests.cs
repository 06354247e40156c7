using Microsoft.Extensions.Configuration;
using OpenTabletop.AppHost.Hosting.Provisioning;

namespace OpenTabletop.Tests.AppHost;

public sealed class ProviderSelectionTests
{
    private static readonly PostgresBinaries Binaries = new("/usr/lib/postgresql/15/bin");

    [Fact]
    public async Task ConfiguredServerConnectionStringWinsOverEverything()
    {
        var tools = new FakeTools(runtime: "docker", postgres: Binaries, redis: "/usr/bin/redis-server");

        var choice = await ChoosePostgresAsync(Config(("ConnectionStrings:postgres", "Host=db")), tools);

        Assert.Equal(ServerProvider.Connection, choice.Provider);
        Assert.Equal(0, tools.RuntimeQueries);
    }

    [Fact]
    public async Task ConfiguredDatabaseConnectionStringAlsoCountsForTheServer()
    {
        var choice = await ChoosePostgresAsync(Config(("ConnectionStrings:opentabletop", "Host=db;Database=opentabletop")), new FakeTools(runtime: "docker", postgres: Binaries));

        Assert.Equal(ServerProvider.Connection, choice.Provider);
    }

    [Fact]
    public async Task ContainerRuntimeComesBeforeLocalBinaries()
    {
        var choice = await ChoosePostgresAsync(Config(), new FakeTools(runtime: "podman", postgres: Binaries));

        Assert.Equal(ServerProvider.Container, choice.Provider);
        Assert.Equal("podman", choice.ContainerRuntime);
    }

    [Fact]
    public async Task LocalBinariesAreUsedWhenNoContainerRuntimeAnswers()
    {
        var choice = await ChoosePostgresAsync(Config(), new FakeTools(runtime: null, postgres: Binaries));

        Assert.Equal(ServerProvider.Local, choice.Provider);
        Assert.Same(Binaries, choice.PostgresBinaries);
    }

    [Fact]
    public async Task PostgresWithNothingAvailableFailsWithAHelpfulMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChoosePostgresAsync(Config(), new FakeTools()));

        Assert.Contains("ConnectionStrings:postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains("docker", error.Message, StringComparison.Ordinal);
        Assert.Contains("initdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedLocalPostgresSkipsTheContainerRuntime()
    {
        var tools = new FakeTools(runtime: "docker", postgres: Binaries);

        var choice = await ChoosePostgresAsync(Config(("AppHost:Postgres:Provider", "local")), tools);

        Assert.Equal(ServerProvider.Local, choice.Provider);
        Assert.Equal(0, tools.RuntimeQueries);
    }

    [Fact]
    public async Task ForcedProviderThatIsNotAvailableFails()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChoosePostgresAsync(Config(("AppHost:Postgres:Provider", "container")), new FakeTools(postgres: Binaries)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChoosePostgresAsync(Config(("AppHost:Postgres:Provider", "connection")), new FakeTools(postgres: Binaries)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChooseCacheAsync(Config(("AppHost:Cache:Provider", "redis")), new FakeTools()));
    }

    [Fact]
    public async Task ContainerRuntimeCanBeChosenByAspireSetting()
    {
        var tools = new FakeTools(runtime: "podman", postgres: Binaries);

        await ChoosePostgresAsync(Config(("ASPIRE_CONTAINER_RUNTIME", "podman")), tools);
        await ChoosePostgresAsync(Config(("AppHost:ContainerRuntime", "docker"), ("ASPIRE_CONTAINER_RUNTIME", "podman")), tools);

        Assert.Equal(["podman", "docker"], tools.PreferredRuntimes);
    }

    [Fact]
    public async Task CacheUsesConnectionThenContainerThenRedisServerThenGarnet()
    {
        Assert.Equal(ServerProvider.Connection, (await ChooseCacheAsync(Config(("ConnectionStrings:cache", "localhost:6379")), new FakeTools(runtime: "docker", redis: "/usr/bin/redis-server"))).Provider);
        Assert.Equal(ServerProvider.Container, (await ChooseCacheAsync(Config(), new FakeTools(runtime: "docker", redis: "/usr/bin/redis-server"))).Provider);
        Assert.Equal(ServerProvider.RedisServer, (await ChooseCacheAsync(Config(), new FakeTools(redis: "/usr/bin/redis-server"))).Provider);
        Assert.Equal(ServerProvider.Garnet, (await ChooseCacheAsync(Config(), new FakeTools())).Provider);
    }

    [Fact]
    public async Task ForcedGarnetIgnoresAnInstalledRedisServer()
    {
        var choice = await ChooseCacheAsync(Config(("AppHost:Cache:Provider", "garnet")), new FakeTools(runtime: "docker", redis: "/usr/bin/redis-server"));

        Assert.Equal(ServerProvider.Garnet, choice.Provider);
    }

    [Fact]
    public async Task UnknownForcedProviderIsRejected()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChooseCacheAsync(Config(("AppHost:Cache:Provider", "memcached")), new FakeTools()));

        Assert.Contains("memcached", error.Message, StringComparison.Ordinal);
    }

    private static Task<ProviderChoice> ChoosePostgresAsync(IConfiguration configuration, FakeTools tools) =>
        ProviderSelection.ChoosePostgresAsync(configuration, "postgres", ["postgres", "opentabletop"], tools, TestContext.Current.CancellationToken);

    private static Task<ProviderChoice> ChooseCacheAsync(IConfiguration configuration, FakeTools tools) =>
        ProviderSelection.ChooseCacheAsync(configuration, "cache", tools, TestContext.Current.CancellationToken);

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class FakeTools(string? runtime = null, PostgresBinaries? postgres = null, string? redis = null) : IToolAvailability
    {
        public int RuntimeQueries { get; private set; }

        public List<string?> PreferredRuntimes { get; } = [];

        public Task<string?> FindContainerRuntimeAsync(string? preferred, CancellationToken cancellationToken)
        {
            RuntimeQueries++;
            PreferredRuntimes.Add(preferred);
            return Task.FromResult(preferred is null || preferred == runtime ? runtime : null);
        }

        public PostgresBinaries? FindPostgres(string? configuredDirectory) => postgres;

        public string? FindRedisServer() => redis;
    }
}
