namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>A server given by connection string: used as-is, never started or stopped by us.</summary>
public sealed class ConfiguredServer(string connectionString, string configurationKey) : IRunningServer
{
    public string Provider => "connection";

    public string Description => $"the server given by {configurationKey}";

    public string ConnectionString { get; } = connectionString;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
