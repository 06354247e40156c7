using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>A server in a container, run attached as a child of the orchestrator.</summary>
public sealed class ContainerServer : IRunningServer
{
    private readonly string _runtime;
    private readonly string _containerName;
    private readonly string? _volumeToRemove;
    private readonly ChildProcess _process;

    private ContainerServer(string runtime, string containerName, string? volumeToRemove, ChildProcess process, string connectionString, string description)
    {
        _runtime = runtime;
        _containerName = containerName;
        _volumeToRemove = volumeToRemove;
        _process = process;
        ConnectionString = connectionString;
        Description = description;
    }

    public string Provider => "container";

    public string Description { get; }

    public string ConnectionString { get; }

    /// <param name="removeVolumeOnStop">For throwaway (test) servers: delete the volume when stopped.</param>
    public static async Task<ContainerServer> StartAsync(
        string runtime,
        string containerName,
        ContainerCommand run,
        string connectionString,
        Func<string, CancellationToken, Task<bool>> probe,
        string description,
        bool removeVolumeOnStop,
        string? volumeName,
        ResourceLog log,
        CancellationToken cancellationToken)
    {
        await RunQuietlyAsync(runtime, ContainerCommandLines.Remove(containerName), cancellationToken);

        var process = ChildProcess.Start(
            new ChildProcessSpec(runtime, run.Arguments)
            {
                Environment = run.Environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
                ParentDeathSignal = Signal.Terminate,
                NewSession = true,
            },
            log);
        var server = new ContainerServer(runtime, containerName, removeVolumeOnStop ? volumeName : null, process, connectionString, description);

        try
        {
            // The first start may pull the image and initialise the volume, which takes a while.
            await Readiness.WaitAsync(
                $"{runtime} container {containerName}",
                ct => probe(connectionString, ct),
                process,
                log,
                TimeSpan.FromMinutes(5),
                cancellationToken);
        }
        catch
        {
            await server.StopAsync(CancellationToken.None);
            throw;
        }

        return server;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            await RunQuietlyAsync(_runtime, ContainerCommandLines.Stop(_containerName), cancellationToken);
            await _process.StopAsync(Signal.Terminate, TimeSpan.FromSeconds(15), cancellationToken);
        }

        if (_volumeToRemove is not null)
        {
            await RunQuietlyAsync(_runtime, ContainerCommandLines.RemoveVolume(_volumeToRemove), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task RunQuietlyAsync(string runtime, ContainerCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await ChildProcess.RunAsync(new ChildProcessSpec(runtime, command.Arguments), new ResourceLog(runtime), TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Best effort: removing a container that does not exist, or stopping one already gone.
        }
    }
}
