using System.Globalization;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>A local <c>redis-server</c> child process on 127.0.0.1, stopped with SIGTERM (which saves a snapshot).</summary>
public sealed class RedisServerProcess : IRunningServer
{
    private readonly ChildProcess _process;

    private RedisServerProcess(ChildProcess process, string executable, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        Description = $"local redis-server ({executable}) on 127.0.0.1:{port}, data in {dataDirectory}";
    }

    public string Provider => "redis";

    public int Port { get; }

    public int? ProcessId => _process.HasExited ? null : _process.Id;

    public string Description { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(RedisServerOptions options, ResourceLog log, CancellationToken cancellationToken)
    {
        var executable = options.Executable ?? PathCommandLocator.Instance.Find("redis-server")
            ?? throw new InvalidOperationException("redis-server is not on PATH.");
        Directory.CreateDirectory(options.DataDirectory);
        var port = options.Port == 0 ? FreePort.Find() : options.Port;

        var process = ChildProcess.Start(
            new ChildProcessSpec(
                executable,
                [
                    "--port", port.ToString(CultureInfo.InvariantCulture),
                    "--bind", "127.0.0.1",
                    "--dir", options.DataDirectory,
                    "--daemonize", "no",
                    "--appendonly", "no",
                ])
            {
                WorkingDirectory = options.DataDirectory,
                ParentDeathSignal = Signal.Terminate,
                NewSession = true,
            },
            log);

        var server = new RedisServerProcess(process, executable, port, options.DataDirectory);
        try
        {
            await Readiness.WaitAsync(
                "redis-server",
                ct => CacheProbe.IsReadyAsync(server.ConnectionString, ct),
                process,
                log,
                options.StartTimeout,
                cancellationToken);
        }
        catch
        {
            await server.StopAsync(CancellationToken.None);
            throw;
        }

        return server;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) =>
        _process.StopAsync(Signal.Terminate, TimeSpan.FromSeconds(10), cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync();
}
