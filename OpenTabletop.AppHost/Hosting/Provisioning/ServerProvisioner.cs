using Microsoft.Extensions.Configuration;
using Npgsql;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Logging;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>Starts a server resource the way its <see cref="ProviderChoice"/> says.</summary>
public sealed class ServerProvisioner(IConfiguration configuration, ProvisioningSettings settings)
{
    public async Task<IRunningServer> StartPostgresAsync(PostgresServerResource resource, ProviderChoice choice, ResourceLog log, CancellationToken cancellationToken)
    {
        switch (choice.Provider)
        {
            case ServerProvider.Connection:
            {
                foreach (var database in resource.Databases)
                {
                    database.ConfiguredConnectionString = NonEmpty(configuration.GetConnectionString(database.Name));
                }

                var (connectionString, key) = ConfiguredPostgresServer(resource);
                var server = new ConfiguredServer(connectionString, key);
                await WaitForConfiguredAsync("PostgreSQL", ct => PostgresProbe.IsReadyAsync(connectionString, ct), key, log, cancellationToken);
                return server;
            }

            case ServerProvider.Container:
            {
                var port = Port(resource);
                var password = PasswordFile.ReadOrCreate(Path.Combine(DataDirectory(resource), "password"));
                var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = password }.ConnectionString;
                var (container, volume) = ContainerNames(resource);
                return await ContainerServer.StartAsync(
                    choice.ContainerRuntime!,
                    container,
                    ContainerCommandLines.RunPostgres(container, volume, port, password),
                    connectionString,
                    PostgresProbe.IsReadyAsync,
                    $"{choice.ContainerRuntime} container {container} ({ContainerCommandLines.PostgresImage}) on 127.0.0.1:{port}, volume {volume}",
                    settings.Throwaway,
                    volume,
                    log,
                    cancellationToken);
            }

            case ServerProvider.Local:
                return await LocalPostgresServer.StartAsync(
                    new LocalPostgresOptions
                    {
                        DataDirectory = DataDirectory(resource),
                        Port = Port(resource),
                        BinDirectory = choice.PostgresBinaries?.BinDirectory,
                        RootRunAsUser = configuration[$"AppHost:{resource.Name}:RunAsUser"] ?? "postgres",
                        Durable = !settings.Throwaway,
                    },
                    log,
                    cancellationToken);

            default:
                throw new InvalidOperationException($"{choice.Provider} cannot provide PostgreSQL.");
        }
    }

    public async Task<IRunningServer> StartCacheAsync(RedisResource resource, ProviderChoice choice, ResourceLog log, CancellationToken cancellationToken)
    {
        switch (choice.Provider)
        {
            case ServerProvider.Connection:
            {
                var key = $"ConnectionStrings:{resource.Name}";
                var connectionString = configuration.GetConnectionString(resource.Name)!;
                await WaitForConfiguredAsync("The cache", ct => CacheProbe.IsReadyAsync(connectionString, ct), key, log, cancellationToken);
                return new ConfiguredServer(connectionString, key);
            }

            case ServerProvider.Container:
            {
                var port = Port(resource);
                var (container, volume) = ContainerNames(resource);
                return await ContainerServer.StartAsync(
                    choice.ContainerRuntime!,
                    container,
                    ContainerCommandLines.RunRedis(container, volume, port),
                    $"127.0.0.1:{port}",
                    CacheProbe.IsReadyAsync,
                    $"{choice.ContainerRuntime} container {container} ({ContainerCommandLines.RedisImage}) on 127.0.0.1:{port}, volume {volume}",
                    settings.Throwaway,
                    volume,
                    log,
                    cancellationToken);
            }

            case ServerProvider.RedisServer:
                return await RedisServerProcess.StartAsync(
                    new RedisServerOptions { DataDirectory = DataDirectory(resource), Port = Port(resource), Executable = choice.RedisServerExecutable },
                    log,
                    cancellationToken);

            case ServerProvider.Garnet:
                return await EmbeddedGarnetServer.StartAsync(Port(resource), log, cancellationToken);

            default:
                throw new InvalidOperationException($"{choice.Provider} cannot provide a cache.");
        }
    }

    /// <summary>
    /// The server's own connection string, or else the first database's with the database removed
    /// (the server must be reachable before the migration service creates the database).
    /// </summary>
    private (string ConnectionString, string Key) ConfiguredPostgresServer(PostgresServerResource resource)
    {
        if (NonEmpty(configuration.GetConnectionString(resource.Name)) is { } server)
        {
            return (server, $"ConnectionStrings:{resource.Name}");
        }

        foreach (var database in resource.Databases)
        {
            if (database.ConfiguredConnectionString is { } databaseConnection)
            {
                var builder = new NpgsqlConnectionStringBuilder(databaseConnection);
                builder.Remove("Database");
                return (builder.ConnectionString, $"ConnectionStrings:{database.Name}");
            }
        }

        throw new InvalidOperationException($"No connection string is configured for '{resource.Name}'.");
    }

    private static async Task WaitForConfiguredAsync(string what, Func<CancellationToken, Task<bool>> probe, string key, ResourceLog log, CancellationToken cancellationToken)
    {
        try
        {
            await Readiness.WaitAsync(what, probe, process: null, log, TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{what} given by {key} does not answer. {ex.Message}", ex);
        }
    }

    /// <summary>The resource's or configured port; 0 or none picks a free one.</summary>
    private int Port(ServerResource resource)
    {
        var port = resource.Port ?? configuration.GetValue<int?>($"AppHost:{resource.Name}:Port") ?? 0;
        return port != 0 ? port : FreePort.Find();
    }

    private string DataDirectory(IResource resource) => Path.Combine(settings.DataDirectory, resource.Name);

    private (string Container, string Volume) ContainerNames(IResource resource) =>
        ($"{settings.NamePrefix}-{resource.Name}", $"{settings.NamePrefix}-{resource.Name}-data");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <param name="DataDirectory">Parent of each server's data folder (the repository's .data, or a test's temp folder).</param>
/// <param name="NamePrefix">Prefix of container and volume names.</param>
/// <param name="Throwaway">Test servers: fsync off, container volumes removed on stop.</param>
public sealed record ProvisioningSettings(string DataDirectory, string NamePrefix, bool Throwaway);
