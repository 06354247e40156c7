using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>
    /// A Redis-protocol cache: from <c>ConnectionStrings:&lt;name&gt;</c>, else a redis:7 container, else a
    /// local redis-server, else Garnet embedded in the AppHost (see <c>AppHost:&lt;name&gt;:Provider</c>).
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new RedisResource(name) { Port = port });
}
