namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>A database or cache server made available to the application, however it is provided.</summary>
public interface IRunningServer : IAsyncDisposable
{
    /// <summary>How it is provided: connection, container, local, redis or garnet.</summary>
    string Provider { get; }

    /// <summary>One human line: what runs where.</summary>
    string Description { get; }

    string ConnectionString { get; }

    /// <summary>Stops it if we started it; a server given by connection string is left alone.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}
