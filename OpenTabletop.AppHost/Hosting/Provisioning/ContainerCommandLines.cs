using System.Globalization;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>Arguments for the container runtime, plus variables to set on the CLI process itself.</summary>
public sealed record ContainerCommand(IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Secrets travel as <c>--env NAME</c> (no value), which docker and podman read from their own
    /// environment, so they never show in a process listing.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The docker/podman command lines for the servers, as the images Aspire's PostgreSQL and Redis
/// integrations use: published on 127.0.0.1 only, data in a named volume, run attached so the
/// orchestrator forwards their output and <c>--rm</c> so a stopped one leaves only its volume.
/// </summary>
public static class ContainerCommandLines
{
    public const string PostgresImage = "docker.io/library/postgres:17";
    public const string RedisImage = "docker.io/library/redis:7";

    public static ContainerCommand RunPostgres(string containerName, string volumeName, int hostPort, string password) =>
        new(
        [
            "run", "--rm",
            "--name", containerName,
            "--publish", $"127.0.0.1:{hostPort.ToString(CultureInfo.InvariantCulture)}:5432",
            "--volume", $"{volumeName}:/var/lib/postgresql/data",
            "--env", "POSTGRES_USER=postgres",
            "--env", "POSTGRES_PASSWORD",
            "--env", "POSTGRES_HOST_AUTH_METHOD=scram-sha-256",
            "--env", "POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256 --auth-local=scram-sha-256",
            PostgresImage,
        ])
        {
            Environment = new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = password },
        };

    public static ContainerCommand RunRedis(string containerName, string volumeName, int hostPort) =>
        new(
        [
            "run", "--rm",
            "--name", containerName,
            "--publish", $"127.0.0.1:{hostPort.ToString(CultureInfo.InvariantCulture)}:6379",
            "--volume", $"{volumeName}:/data",
            RedisImage,
            "redis-server", "--save", "60", "1",
        ]);

    public static ContainerCommand Stop(string containerName, int timeoutSeconds = 10) =>
        new(["stop", "--time", timeoutSeconds.ToString(CultureInfo.InvariantCulture), containerName]);

    /// <summary>Clears a container left by a run that was killed, so the name is free again.</summary>
    public static ContainerCommand Remove(string containerName) => new(["rm", "--force", containerName]);

    public static ContainerCommand RemoveVolume(string volumeName) => new(["volume", "rm", "--force", volumeName]);
}
