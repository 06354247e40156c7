using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>
    /// A PostgreSQL server: from <c>ConnectionStrings:&lt;name&gt;</c>, else a postgres:17 container,
    /// else the local server binaries (see <c>AppHost:&lt;name&gt;:Provider</c> to choose).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new PostgresServerResource(name) { Port = port });

    /// <summary>A database on the server; the orchestrator passes its connection string but does not create it.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
