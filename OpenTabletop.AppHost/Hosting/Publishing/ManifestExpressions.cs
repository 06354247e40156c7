using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting.Publishing;

/// <summary>
/// The placeholders a deployment tool resolves (<c>{resource.connectionString}</c>,
/// <c>{resource.bindings.tcp.host}</c>, <c>{parameter.value}</c>), in the shapes Aspire's PostgreSQL
/// and Redis integrations write, so that azd and aspirate wire our resources as they wire Aspire's.
/// </summary>
public static class ManifestExpressions
{
    /// <summary>The generated password of a server: a parameter.v0 resource of its own, as in Aspire.</summary>
    public static string PasswordParameter(ServerResource server) => $"{server.Name}-password";

    public static string Value(string parameter) => $"{{{parameter}.value}}";

    public static string ConnectionStringOf(IResource resource) => $"{{{resource.Name}.connectionString}}";

    public static string ConnectionString(IResourceWithConnectionString resource) => resource switch
    {
        PostgresServerResource server =>
            $"Host={Binding(server, "tcp", "host")};Port={Binding(server, "tcp", "port")};Username=postgres;Password={Value(PasswordParameter(server))}",
        PostgresDatabaseResource database => $"{ConnectionStringOf(database.Server)};Database={database.DatabaseName}",
        // StackExchange.Redis configuration syntax, which is what the services read from ConnectionStrings__cache.
        RedisResource cache => $"{Binding(cache, "tcp", "host")}:{Binding(cache, "tcp", "port")},password={Value(PasswordParameter(cache))}",
        _ => throw new DistributedApplicationException($"'{resource.Name}' has no published connection string."),
    };

    public static string Binding(IResource resource, string binding, string property) => $"{{{resource.Name}.bindings.{binding}.{property}}}";
}
