using Npgsql;

namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>A server the orchestrator provides (PostgreSQL or a Redis-protocol cache) rather than a project it runs.</summary>
public abstract class ServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    /// <summary>Host port to use; null means the configured <c>AppHost:&lt;name&gt;:Port</c> or a free one.</summary>
    public int? Port { get; init; }

    public string? ConnectionString { get; internal set; }

    /// <summary>How it was provided (connection, container, local, redis, garnet), once started.</summary>
    public string? Provider { get; internal set; }
}

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    public List<PostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>
/// A database on a PostgreSQL server. The orchestrator does not create it (the migration service
/// does, as a cluster deployment must); it only hands out its connection string.
/// </summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = parent;

    public IResource Parent => Server;

    /// <summary>Given directly in configuration (<c>ConnectionStrings:&lt;name&gt;</c>), it wins over the server's.</summary>
    internal string? ConfiguredConnectionString { get; set; }

    /// <summary>The server's connection string with this database named in it.</summary>
    public string? ConnectionString =>
        ConfiguredConnectionString
        ?? (Server.ConnectionString is { } server ? new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ConnectionString : null);
}

/// <summary>A Redis-protocol cache: redis-server, a redis container, Garnet, or one given by connection string.</summary>
public sealed class RedisResource(string name) : ServerResource(name);
