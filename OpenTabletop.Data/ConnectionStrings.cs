using Microsoft.Extensions.Configuration;
using Npgsql;

namespace OpenTabletop.Data;

/// <summary>Where the services find their connection strings: Aspire's names first, then the 12-factor URLs.</summary>
public static class ConnectionStrings
{
    public const string DatabaseUrl = "DATABASE_URL";

    public const string ReplicaUrl = "DATABASE_REPLICA_URL";

    /// <summary>The optional read replica's connection is named after the primary's, with this suffix.</summary>
    public const string ReplicaSuffix = "-replica";

    /// <summary><c>ConnectionStrings:{name}</c>, else <c>DATABASE_URL</c> (postgresql://user:pass@host:port/db).</summary>
    public static string? Database(IConfiguration configuration, string name) => Postgres(configuration, name, DatabaseUrl);

    /// <summary><c>ConnectionStrings:{name}-replica</c>, else <c>DATABASE_REPLICA_URL</c>; null when neither is set (no replica).</summary>
    public static string? Replica(IConfiguration configuration, string name) => Postgres(configuration, name + ReplicaSuffix, ReplicaUrl);

    private static string? Postgres(IConfiguration configuration, string name, string urlVariable)
    {
        var value = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var url = configuration[urlVariable];
        return string.IsNullOrWhiteSpace(url) ? null : FromPostgresUrl(url, urlVariable);
    }

    /// <summary><c>ConnectionStrings:{name}</c>, else <c>REDIS_URL</c> (redis://[:password@]host:port[/db]).</summary>
    public static string? Cache(IConfiguration configuration, string name)
    {
        var value = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var url = configuration["REDIS_URL"];
        return string.IsNullOrWhiteSpace(url) ? null : FromRedisUrl(url);
    }

    /// <param name="variable">The setting the URL came from, named in the error.</param>
    public static string FromPostgresUrl(string url, string variable = DatabaseUrl)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException($"{variable} must look like postgresql://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                {
                    builder.SslMode = Enum.Parse<SslMode>(value, ignoreCase: true);
                }
                else
                {
                    builder[key] = value;
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                // An unknown parameter or a bad value is as much a malformed URL as a wrong scheme.
                throw new FormatException($"{variable} has an invalid parameter '{key}': {e.Message}", e);
            }
        }
        return builder.ConnectionString;
    }

    public static string FromRedisUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
        {
            throw new FormatException("REDIS_URL must look like redis://[:password@]host:port[/db].");
        }
        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}" };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0) parts.Add($"user={Uri.UnescapeDataString(userInfo[0])}");
            parts.Add($"password={Uri.UnescapeDataString(userInfo[1])}");
        }
        else if (userInfo[0].Length > 0)
        {
            parts.Add($"password={Uri.UnescapeDataString(userInfo[0])}");
        }
        if (int.TryParse(uri.AbsolutePath.TrimStart('/'), out var db)) parts.Add($"defaultDatabase={db}");
        if (uri.Scheme == "rediss") parts.Add("ssl=true");
        return string.Join(',', parts);
    }
}
