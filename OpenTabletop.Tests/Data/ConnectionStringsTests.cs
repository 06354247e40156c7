using Microsoft.Extensions.Configuration;
using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.Tests.Data;

public sealed class ConnectionStringsTests
{
    [Fact]
    public void DatabaseUrlBecomesAnNpgsqlConnectionString()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionStrings.FromPostgresUrl("postgresql://ott:p%40ss@db.internal:6543/opentabletop?sslmode=require"));

        Assert.Equal(("db.internal", 6543, "opentabletop", "ott", "p@ss", SslMode.Require),
                     (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password, cs.SslMode));
    }

    [Fact]
    public void AspireConnectionStringWinsOverDatabaseUrl()
    {
        var configuration = Config(("ConnectionStrings:opentabletop", "Host=a;Database=x"), ("DATABASE_URL", "postgresql://u:p@b/y"));

        Assert.Equal("Host=a;Database=x", ConnectionStrings.Database(configuration, "opentabletop"));
    }

    [Fact]
    public void MissingDatabaseStopsBootNamingBothVariables()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseExtensions.ResolveConnectionString(Config(), "opentabletop"));

        Assert.Contains("ConnectionStrings__opentabletop", error.Message);
        Assert.Contains("DATABASE_URL", error.Message);
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("50", 50)]
    public void PoolSizeDefaultsToTwentyAndIsConfigurable(string? configured, int expected)
    {
        var configuration = Config(("ConnectionStrings:opentabletop", "Host=a;Database=x"), ("DATABASE_POOL_SIZE", configured));

        var cs = new NpgsqlConnectionStringBuilder(DatabaseExtensions.ResolveConnectionString(configuration, "opentabletop"));

        Assert.Equal(expected, cs.MaxPoolSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("lots")]
    public void BadPoolSizeStopsBootNamingTheVariable(string configured)
    {
        var configuration = Config(("ConnectionStrings:opentabletop", "Host=a;Database=x"), ("DATABASE_POOL_SIZE", configured));

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseExtensions.ResolveConnectionString(configuration, "opentabletop"));
        Assert.Contains("DATABASE_POOL_SIZE", error.Message);
    }

    [Fact]
    public void NoReplicaConfiguredMeansNone() =>
        Assert.Null(DatabaseExtensions.ResolveReplicaConnectionString(Config(("ConnectionStrings:opentabletop", "Host=a;Database=x")), "opentabletop"));

    [Fact]
    public void ReplicaConnectionStringWinsOverReplicaUrlAndGetsThePoolSizeAndAShortConnectTimeout()
    {
        var configuration = Config(("ConnectionStrings:opentabletop-replica", "Host=replica;Database=x"),
            ("DATABASE_REPLICA_URL", "postgresql://u:p@elsewhere/y"), ("DATABASE_POOL_SIZE", "30"));

        var cs = new NpgsqlConnectionStringBuilder(DatabaseExtensions.ResolveReplicaConnectionString(configuration, "opentabletop"));

        Assert.Equal(("replica", "x", 30, DatabaseExtensions.ReplicaConnectTimeoutSeconds), (cs.Host, cs.Database, cs.MaxPoolSize, cs.Timeout));
    }

    [Fact]
    public void ReplicaUrlIsReadLikeDatabaseUrlAndAGivenTimeoutIsKept()
    {
        var configuration = Config(("DATABASE_REPLICA_URL", "postgresql://ott:secret@standby:6543/opentabletop?Timeout=30"));

        var cs = new NpgsqlConnectionStringBuilder(DatabaseExtensions.ResolveReplicaConnectionString(configuration, "opentabletop"));

        Assert.Equal(("standby", 6543, "opentabletop", "ott", "secret", 30), (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password, cs.Timeout));
    }

    [Theory]
    [InlineData("ConnectionStrings:opentabletop-replica", "Host=replica;Frobnicate=1", "ConnectionStrings__opentabletop-replica")]
    [InlineData("ConnectionStrings:opentabletop-replica", "Host=replica;Port=fifty", "ConnectionStrings__opentabletop-replica")]
    [InlineData("ConnectionStrings:opentabletop-replica", "Database=opentabletop", "ConnectionStrings__opentabletop-replica")]
    [InlineData("DATABASE_REPLICA_URL", "mysql://replica/opentabletop", "DATABASE_REPLICA_URL")]
    [InlineData("DATABASE_REPLICA_URL", "postgresql://replica/opentabletop?sslmode=sometimes", "DATABASE_REPLICA_URL")]
    public void MalformedReplicaStopsBootNamingTheVariable(string key, string value, string variable)
    {
        var configuration = Config(("ConnectionStrings:opentabletop", "Host=a;Database=x"), (key, value));

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseExtensions.ResolveReplicaConnectionString(configuration, "opentabletop"));

        Assert.StartsWith($"Configuration error: {variable} ", error.Message);
    }

    [Theory]
    [InlineData("redis://cache:6380", "cache:6380")]
    [InlineData("redis://:secret@cache:6379/2", "cache:6379,password=secret,defaultDatabase=2")]
    [InlineData("rediss://user:secret@cache:6379", "cache:6379,user=user,password=secret,ssl=true")]
    public void RedisUrlBecomesAStackExchangeConfiguration(string url, string expected) =>
        Assert.Equal(expected, ConnectionStrings.FromRedisUrl(url));

    [Fact]
    public void NoCacheConfiguredMeansNull() => Assert.Null(ConnectionStrings.Cache(Config(), "cache"));

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
