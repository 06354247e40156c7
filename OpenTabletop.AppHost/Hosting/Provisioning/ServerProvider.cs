namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>How a server resource is provided, in the order they are tried.</summary>
public enum ServerProvider
{
    /// <summary>A connection string in configuration, used as-is.</summary>
    Connection,

    /// <summary>A container run by docker or podman.</summary>
    Container,

    /// <summary>Local PostgreSQL server binaries.</summary>
    Local,

    /// <summary>A local redis-server binary.</summary>
    RedisServer,

    /// <summary>Garnet inside the AppHost process (cache only; always possible).</summary>
    Garnet,
}

public sealed record ProviderChoice(ServerProvider Provider, string Reason)
{
    /// <summary>docker or podman, for <see cref="ServerProvider.Container"/>.</summary>
    public string? ContainerRuntime { get; init; }

    public PostgresBinaries? PostgresBinaries { get; init; }

    public string? RedisServerExecutable { get; init; }
}
