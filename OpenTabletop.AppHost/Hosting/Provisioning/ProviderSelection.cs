using Microsoft.Extensions.Configuration;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>
/// Decides how a server resource is provided: a configured connection string, else a container
/// runtime that answers, else local server binaries, else (cache only) Garnet embedded.
/// <c>AppHost:&lt;resource&gt;:Provider</c> forces one, and then it must be possible.
/// </summary>
public static class ProviderSelection
{
    public static async Task<ProviderChoice> ChoosePostgresAsync(
        IConfiguration configuration,
        string resourceName,
        IReadOnlyList<string> connectionStringNames,
        IToolAvailability tools,
        CancellationToken cancellationToken)
    {
        var forced = ForcedProvider(configuration, resourceName);
        var configuredConnection = connectionStringNames.FirstOrDefault(name => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(name)));
        var binDirectory = configuration[$"AppHost:{resourceName}:BinDirectory"];

        switch (forced)
        {
            case null:
                break;
            case "connection":
                return configuredConnection is not null
                    ? new ProviderChoice(ServerProvider.Connection, $"AppHost:{resourceName}:Provider=connection")
                    : throw Impossible(resourceName, forced, $"set ConnectionStrings:{connectionStringNames[0]}");
            case "container":
                return await ContainerAsync(configuration, tools, cancellationToken) is { } forcedRuntime
                    ? new ProviderChoice(ServerProvider.Container, $"AppHost:{resourceName}:Provider=container") { ContainerRuntime = forcedRuntime }
                    : throw Impossible(resourceName, forced, "no container runtime answers `docker info` or `podman info`");
            case "local":
                return tools.FindPostgres(binDirectory) is { } forcedBinaries
                    ? new ProviderChoice(ServerProvider.Local, $"AppHost:{resourceName}:Provider=local") { PostgresBinaries = forcedBinaries }
                    : throw Impossible(resourceName, forced, "no initdb/pg_ctl/postgres on PATH or in /usr/lib/postgresql/*/bin");
            default:
                throw new InvalidOperationException($"AppHost:{resourceName}:Provider is '{forced}'; use connection, container or local.");
        }

        if (configuredConnection is not null)
        {
            return new ProviderChoice(ServerProvider.Connection, $"ConnectionStrings:{configuredConnection} is set");
        }

        if (await ContainerAsync(configuration, tools, cancellationToken) is { } runtime)
        {
            return new ProviderChoice(ServerProvider.Container, $"no connection string configured; {runtime} answers") { ContainerRuntime = runtime };
        }

        if (tools.FindPostgres(binDirectory) is { } binaries)
        {
            return new ProviderChoice(ServerProvider.Local, "no connection string configured, no container runtime answers") { PostgresBinaries = binaries };
        }

        throw new InvalidOperationException(
            $"No way to provide PostgreSQL for '{resourceName}': set ConnectionStrings:{connectionStringNames[0]}, "
            + "start docker or podman, or install the PostgreSQL server (initdb, pg_ctl, postgres).");
    }

    public static async Task<ProviderChoice> ChooseCacheAsync(
        IConfiguration configuration,
        string resourceName,
        IToolAvailability tools,
        CancellationToken cancellationToken)
    {
        var forced = ForcedProvider(configuration, resourceName);
        var hasConnection = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(resourceName));

        switch (forced)
        {
            case null:
                break;
            case "connection":
                return hasConnection
                    ? new ProviderChoice(ServerProvider.Connection, $"AppHost:{resourceName}:Provider=connection")
                    : throw Impossible(resourceName, forced, $"set ConnectionStrings:{resourceName}");
            case "container":
                return await ContainerAsync(configuration, tools, cancellationToken) is { } forcedRuntime
                    ? new ProviderChoice(ServerProvider.Container, $"AppHost:{resourceName}:Provider=container") { ContainerRuntime = forcedRuntime }
                    : throw Impossible(resourceName, forced, "no container runtime answers `docker info` or `podman info`");
            case "redis" or "redis-server":
                return tools.FindRedisServer() is { } forcedRedis
                    ? new ProviderChoice(ServerProvider.RedisServer, $"AppHost:{resourceName}:Provider={forced}") { RedisServerExecutable = forcedRedis }
                    : throw Impossible(resourceName, forced, "redis-server is not on PATH");
            case "garnet":
                return new ProviderChoice(ServerProvider.Garnet, $"AppHost:{resourceName}:Provider=garnet");
            default:
                throw new InvalidOperationException($"AppHost:{resourceName}:Provider is '{forced}'; use connection, container, redis or garnet.");
        }

        if (hasConnection)
        {
            return new ProviderChoice(ServerProvider.Connection, $"ConnectionStrings:{resourceName} is set");
        }

        if (await ContainerAsync(configuration, tools, cancellationToken) is { } runtime)
        {
            return new ProviderChoice(ServerProvider.Container, $"no connection string configured; {runtime} answers") { ContainerRuntime = runtime };
        }

        if (tools.FindRedisServer() is { } redis)
        {
            return new ProviderChoice(ServerProvider.RedisServer, "no connection string configured, no container runtime answers") { RedisServerExecutable = redis };
        }

        return new ProviderChoice(ServerProvider.Garnet, "no connection string configured, no container runtime answers, no redis-server installed");
    }

    /// <summary>The runtime to probe: AppHost:ContainerRuntime, else Aspire's ASPIRE_CONTAINER_RUNTIME (or its DOTNET_ twin).</summary>
    public static string? PreferredContainerRuntime(IConfiguration configuration) =>
        NonEmpty(configuration["AppHost:ContainerRuntime"])
        ?? NonEmpty(configuration["ASPIRE_CONTAINER_RUNTIME"])
        ?? NonEmpty(configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]);

    private static Task<string?> ContainerAsync(IConfiguration configuration, IToolAvailability tools, CancellationToken cancellationToken) =>
        tools.FindContainerRuntimeAsync(PreferredContainerRuntime(configuration)?.ToLowerInvariant(), cancellationToken);

    private static string? ForcedProvider(IConfiguration configuration, string resourceName) =>
        NonEmpty(configuration[$"AppHost:{resourceName}:Provider"])?.Trim().ToLowerInvariant();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static InvalidOperationException Impossible(string resourceName, string provider, string why) =>
        new($"AppHost:{resourceName}:Provider={provider} cannot be honoured: {why}.");
}
