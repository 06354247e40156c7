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
        builder.Services.AddNpgsqlDataSource(connectionString, dataSource => Configure(dataSource, name));
        builder.Services.AddDbContextPool<OpenTabletopDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3))
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>How every data source of ours maps types; <paramref name="name"/> is the pool's.</summary>
    internal static void Configure(NpgsqlDataSourceBuilder dataSource, string name)
    {
        // Named after the connection: the pool's metrics carry this name instead of the connection string.
        dataSource.EnableDynamicJson().Name = name;
    }

    /// <summary>The connection string with the configured pool size applied; fails fast naming the variable.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, string name)
    {
        var raw = Read(() => ConnectionStrings.Database(configuration, name), ConnectionStrings.DatabaseUrl)
            ?? throw new InvalidOperationException(
                $"Configuration error: no database configured. Set ConnectionStrings__{name} or {ConnectionStrings.DatabaseUrl}.");
        return Complete(configuration, raw, $"ConnectionStrings__{name}").ConnectionString;
    }

    /// <summary>
    /// As <see cref="ResolveConnectionString"/>, for the optional read replica
    /// (<c>ConnectionStrings__{name}-replica</c> or <c>DATABASE_REPLICA_URL</c>); null when none is configured.
    /// </summary>
    public static string? ResolveReplicaConnectionString(IConfiguration configuration, string name)
    {
        var raw = Read(() => ConnectionStrings.Replica(configuration, name), ConnectionStrings.ReplicaUrl);
        if (raw is null) return null;
        var variable = $"ConnectionStrings__{name}{ConnectionStrings.ReplicaSuffix}";
        var builder = Complete(configuration, raw, variable);
        // Without a host Npgsql fails only when a read opens a connection, and every read would quietly
        // fall back to the primary: a replica that is never used is a configuration error.
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException($"Configuration error: {variable} names no Host.");
        }
        // A read waits this long for an unreachable replica before it falls back (Npgsql's default is 15 s).
        if (!Mentions(raw, "Timeout")) builder.Timeout = ReplicaConnectTimeoutSeconds;
        return builder.ConnectionString;
    }

    /// <summary>How long opening a replica connection may take unless its connection string says otherwise.</summary>
    public const int ReplicaConnectTimeoutSeconds = 5;

    /// <summary>The configured connection string, a URL variable's parse error turned into a configuration error.</summary>
    private static string? Read(Func<string?> read, string urlVariable)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Configuration error: {urlVariable} is not valid: {e.Message}", e);
        }
    }

    /// <summary>Parses <paramref name="raw"/> (an error names <paramref name="variable"/>) and applies the pool size and application name.</summary>
    private static NpgsqlConnectionStringBuilder Complete(IConfiguration configuration, string raw, string variable)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidOperationException($"Configuration error: {variable} is not a valid connection string: {e.Message}", e);
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
        return builder;
    }

    /// <summary>Whether the connection string sets <paramref name="keyword"/> itself (spelt as given, any case).</summary>
    private static bool Mentions(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey(keyword);
}

/// <summary>
/// The resolved connection string, password included (NpgsqlDataSource.ConnectionString leaves the
/// password out), for the rare code that must open a connection elsewhere, e.g. to create the database.
/// </summary>
public sealed record DatabaseConnection(string ConnectionString);
