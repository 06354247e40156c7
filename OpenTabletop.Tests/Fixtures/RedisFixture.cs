using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Testing;

namespace OpenTabletop.Tests.Fixtures;

/// <summary>
/// A Redis-protocol cache for a test class. <c>OTT_TEST_REDIS</c> (a StackExchange.Redis connection
/// string) points it at an existing server; otherwise it starts a private one through the AppHost's
/// provider code: a real <c>redis-server</c> when installed (CI installs it), else Garnet in-process.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "OTT_TEST_REDIS";
    public const string RedisProvider = "redis";
    public const string GarnetProvider = "garnet";

    private readonly string? _forcedProvider;
    private IRunningServer? _server;
    private TemporaryDirectory? _directory;
    private string? _connectionString;
    private string? _provider;

    public RedisFixture()
    {
    }

    private RedisFixture(string forcedProvider) => _forcedProvider = forcedProvider;

    public static bool RedisServerInstalled => PathCommandLocator.Instance.Find("redis-server") is not null;

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>"redis" (redis-server, or the server given by OTT_TEST_REDIS) or "garnet".</summary>
    public string Provider => _provider ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public bool OwnsServer => _server is not null;

    public ResourceLog Log { get; } = new("cache");

    /// <summary>
    /// Starts a private server of one kind, ignoring OTT_TEST_REDIS, for tests that need that kind.
    /// The caller disposes it.
    /// </summary>
    public static async Task<RedisFixture> StartAsync(string provider, CancellationToken ct = default)
    {
        if (provider is not (RedisProvider or GarnetProvider))
        {
            throw new ArgumentOutOfRangeException(nameof(provider), provider, $"Use \"{RedisProvider}\" or \"{GarnetProvider}\".");
        }

        var fixture = new RedisFixture(provider);
        await fixture.StartPrivateServerAsync(provider, ct);
        return fixture;
    }

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (_forcedProvider is null && !string.IsNullOrWhiteSpace(external))
        {
            _connectionString = external;
            _provider = RedisProvider;
            return;
        }

        if (_server is null)
        {
            await StartPrivateServerAsync(
                _forcedProvider ?? (RedisServerInstalled ? RedisProvider : GarnetProvider),
                TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory?.Dispose();
    }

    private async Task StartPrivateServerAsync(string provider, CancellationToken ct)
    {
        if (provider == RedisProvider)
        {
            _directory = TemporaryDirectory.Create("redis");
            try
            {
                _server = await RedisServerProcess.StartAsync(new RedisServerOptions { DataDirectory = _directory.Path }, Log, ct);
            }
            catch
            {
                _directory.Dispose();
                throw;
            }
        }
        else
        {
            _server = await EmbeddedGarnetServer.StartAsync(port: 0, Log, ct);
        }

        _connectionString = _server.ConnectionString;
        _provider = provider;
    }
}
