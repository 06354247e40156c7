using System.Globalization;
using Garnet;
using Microsoft.Extensions.Logging;
using OpenTabletop.AppHost.Hosting.Logging;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>
/// Microsoft Garnet running inside the orchestrator's own process: the last resort for the cache,
/// needing nothing installed. It keeps no data across restarts, which suits a cache.
/// </summary>
public sealed class EmbeddedGarnetServer : IRunningServer
{
    private readonly GarnetServer _server;
    private readonly ILoggerFactory _loggerFactory;
    private int _stopped;

    private EmbeddedGarnetServer(GarnetServer server, ILoggerFactory loggerFactory, int port)
    {
        _server = server;
        _loggerFactory = loggerFactory;
        Port = port;
    }

    public string Provider => "garnet";

    public int Port { get; }

    public string Description => $"Garnet embedded in the AppHost process on 127.0.0.1:{Port} (in memory)";

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<EmbeddedGarnetServer> StartAsync(int port, ResourceLog log, CancellationToken cancellationToken)
    {
        port = port == 0 ? FreePort.Find() : port;

        // Garnet logs through Microsoft.Extensions.Logging; route its warnings into the resource log.
        var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddProvider(new ResourceLogLoggerProvider(log)));
        var server = new GarnetServer(
            // Lua on: the Api's shared rate limits are a script.
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "-q", "--lua"],
            loggerFactory);
        server.Start();

        var garnet = new EmbeddedGarnetServer(server, loggerFactory, port);
        try
        {
            await Readiness.WaitAsync(
                "Garnet",
                ct => CacheProbe.IsReadyAsync(garnet.ConnectionString, ct),
                process: null,
                log,
                TimeSpan.FromSeconds(30),
                cancellationToken);
        }
        catch
        {
            await garnet.StopAsync(CancellationToken.None);
            throw;
        }

        return garnet;
    }

    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _server.Dispose();
            _loggerFactory.Dispose();
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
