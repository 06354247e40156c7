using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace OpenTabletop.Data;

public static class DatabaseExtensions
{
    public const int DefaultPoolSize = 20;

    /// <summary>
    /// One pooled NpgsqlDataSource for the process (raw SQL and EF share it), a pooled DbContext with
    /// transient-failure retries, and the readiness check (reachable + schema at the expected version).
    /// Reads <c>ConnectionStrings:{name}</c> or <c>DATABASE_URL</c>; pool size from <c>DATABASE_POOL_SIZE</c>.
    /// </summary>
    public static IHostApplicationBuilder AddOpenTabletopDatabase(this IHostApplicationBuilder builder, string name)
    {
        var connectionString = ResolveConnectionString(builder.Configuration, name);
        builder.Services.AddSingleton(new DatabaseConnection(connectionString));
        // Named after the connection: the pool's metrics carry this name instead of the connection string.
        builder.Services.AddNpgsqlDataSource(connectionString, dataSource => dataSource.EnableDynamicJson().Name = name);
        builder.Services.AddDbContextPool<OpenTabletopDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3))
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>The connection string with the configured pool size applied; fails fast naming the variable.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, string name)
    {
        string? raw;
        try
        {
            raw = ConnectionStrings.Database(configuration, name);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Configuration error: DATABASE_URL is not valid: {e.Message}", e);
        }
        if (raw is null)
        {
            throw new InvalidOperationException(
                $"Configuration error: no database configured. Set ConnectionStrings__{name} or DATABASE_URL.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Configuration error: ConnectionStrings__{name} is not a valid connection string: {e.Message}", e);
        }

        var poolSize = configuration["DATABASE_POOL_SIZE"];
        if (!string.IsNullOrWhiteSpace(poolSize))
        {
            if (!int.TryParse(poolSize, out var size) || size is < 1 or > 1000)
            {
                throw new InvalidOperationException($"Configuration error: DATABASE_POOL_SIZE must be a whole number from 1 to 1000, not '{poolSize}'.");
            }
            builder.MaxPoolSize = size;
        }
        else if (!raw.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !raw.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }
        builder.ApplicationName ??= AppDomain.CurrentDomain.FriendlyName;
        return builder.ConnectionString;
    }
}

/// <summary>
/// The resolved connection string, password included (NpgsqlDataSource.ConnectionString leaves the
/// password out), for the rare code that must open a connection elsewhere, e.g. to create the database.
/// </summary>
public sealed record DatabaseConnection(string ConnectionString);
