using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenTabletop.Data.ReadReplica;

public static class ReadReplicaExtensions
{
    /// <summary>
    /// <see cref="ReadSource"/>, and with <c>ConnectionStrings:{name}-replica</c> or
    /// <c>DATABASE_REPLICA_URL</c> set, a pool of its own for the replica (named <c>{name}-replica</c>
    /// in the metrics) and its readiness entry. A bad value stops the boot naming the variable.
    /// </summary>
    public static IHostApplicationBuilder AddOpenTabletopReadReplica(this IHostApplicationBuilder builder, string name)
    {
        var connectionString = DatabaseExtensions.ResolveReplicaConnectionString(builder.Configuration, name);
        builder.Services.AddSingleton(services => new ReadSource(
            services.GetRequiredService<NpgsqlDataSource>(),
            connectionString is null ? null : Replica(connectionString, name + ConnectionStrings.ReplicaSuffix, services.GetService<ILoggerFactory>()),
            services.GetRequiredService<ILogger<ReadSource>>()));
        if (connectionString is not null)
        {
            builder.Services.AddHealthChecks().AddCheck<ReplicaHealthCheck>(name + ConnectionStrings.ReplicaSuffix, tags: ["ready"]);
        }
        return builder;
    }

    /// <summary>Built here rather than registered: nothing but <see cref="ReadSource"/> may hand it out.</summary>
    private static NpgsqlDataSource Replica(string connectionString, string poolName, ILoggerFactory? loggers)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        if (loggers is not null) dataSource.UseLoggerFactory(loggers);
        DatabaseExtensions.Configure(dataSource, poolName);
        return dataSource.Build();
    }
}
