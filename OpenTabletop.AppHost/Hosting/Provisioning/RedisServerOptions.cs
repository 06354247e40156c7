namespace OpenTabletop.AppHost.Hosting.Provisioning;

public sealed record RedisServerOptions
{
    /// <summary>Where redis-server keeps its snapshot, so a restart keeps the cache warm.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The redis-server executable; null finds it on PATH.</summary>
    public string? Executable { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
