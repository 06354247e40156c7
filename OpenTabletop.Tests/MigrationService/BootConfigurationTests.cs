using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>The real service binaries, started as an operator would, with a bad setting each.</summary>
public sealed class BootConfigurationTests
{
    [Theory]
    [InlineData("OpenTabletop.MigrationService", "Seed__Mode", "bogus", "Seed:Mode")]
    [InlineData("OpenTabletop.MigrationService", "Seed__Games", "-4", "Seed__Games")]
    [InlineData("OpenTabletop.Api", "LOG_FORMAT", "xml", "LOG_FORMAT")]
    [InlineData("OpenTabletop.Api", "MAX_REQUEST_BODY_BYTES", "1MB", "MAX_REQUEST_BODY_BYTES")]
    [InlineData("OpenTabletop.Api", "GAME_INDEX", "disk", "GAME_INDEX")]
    [InlineData("OpenTabletop.Api", "API_KEY_SALT", "fifteen-bytes!!", "API_KEY_SALT")]
    [InlineData("OpenTabletop.Api", "API_KEY_SALT", "", "API_KEY_SALT")]
    [InlineData("OpenTabletop.Api", "CORS_ORIGINS", "*", "CORS_ORIGINS")]
    [InlineData("OpenTabletop.Api", "CORS_ORIGINS", "app.example.org", "CORS_ORIGINS")]
    [InlineData("OpenTabletop.Api", "REQUEST_TIMEOUT_SECONDS", "0", "REQUEST_TIMEOUT_SECONDS")]
    [InlineData("OpenTabletop.Api", "RATE_LIMIT_ANONYMOUS", "sixty", "RATE_LIMIT_ANONYMOUS")]
    [InlineData("OpenTabletop.Api", "TRUSTED_PROXIES", "10.0.0.0/99", "TRUSTED_PROXIES")]
    [InlineData("OpenTabletop.Api", "VOTE_LIMIT_PER_GAME_PER_HOUR", "-1", "VOTE_LIMIT_PER_GAME_PER_HOUR")]
    [InlineData("OpenTabletop.Api", "EXPORT_MAX_ROWS", "0", "EXPORT_MAX_ROWS")]
    [InlineData("OpenTabletop.Api", "EXPORT_RATE_LIMIT_PER_HOUR", "ten", "EXPORT_RATE_LIMIT_PER_HOUR")]
    [InlineData("OpenTabletop.Api", "EXPORT_MAX_CONCURRENT", "-1", "EXPORT_MAX_CONCURRENT")]
    [InlineData("OpenTabletop.Materializer", "DATABASE_POOL_SIZE", "lots", "DATABASE_POOL_SIZE")]
    [InlineData("OpenTabletop.Api", "ConnectionStrings__opentabletop-replica", "Host=replica;Frobnicate=1", "ConnectionStrings__opentabletop-replica")]
    [InlineData("OpenTabletop.Api", "ConnectionStrings__opentabletop-replica", "Database=opentabletop", "ConnectionStrings__opentabletop-replica")]
    [InlineData("OpenTabletop.Api", "DATABASE_REPLICA_URL", "mysql://replica/opentabletop", "DATABASE_REPLICA_URL")]
    [InlineData("OpenTabletop.Materializer", "MATERIALIZE_SCHEDULE", "every night at four", "MATERIALIZE_SCHEDULE")]
    [InlineData("OpenTabletop.Materializer", "MATERIALIZE_RANK_MIN_RATINGS", "-3", "MATERIALIZE_RANK_MIN_RATINGS")]
    [InlineData("OpenTabletop.Api", "MAINTENANCE_MODE", "closed", "MAINTENANCE_MODE")]
    [InlineData("OpenTabletop.Api", "MAINTENANCE_RETRY_AFTER_SECONDS", "0", "MAINTENANCE_RETRY_AFTER_SECONDS")]
    [InlineData("OpenTabletop.Api", "DRAIN_TIMEOUT_SECONDS", "25s", "DRAIN_TIMEOUT_SECONDS")]
    [InlineData("OpenTabletop.Api", "DRAIN_DELAY_SECONDS", "30", "DRAIN_DELAY_SECONDS")]
    [InlineData("OpenTabletop.Materializer", "DRAIN_TIMEOUT_SECONDS", "0", "DRAIN_TIMEOUT_SECONDS")]
    public async Task BadSettingStopsTheServiceWithOneLineNamingIt(string project, string variable, string value, string named)
    {
        var (exitCode, stdout, stderr) = await RunAsync(project, new()
        {
            // Nothing listens here: the service must stop before it ever connects.
            ["ConnectionStrings__opentabletop"] = "Host=127.0.0.1;Port=1;Database=never;Username=x;Password=y",
            // Valid unless the case is about it (an empty value is a missing one: Production requires it).
            ["API_KEY_SALT"] = "a-salt-long-enough-for-production",
            [variable] = value,
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error:", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task MissingDatabaseStopsTheApiNamingBothVariables()
    {
        var (exitCode, _, stderr) = await RunAsync("OpenTabletop.Api", new());

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings__opentabletop", stderr);
        Assert.Contains("DATABASE_URL", stderr);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string project, Dictionary<string, string> environment) =>
        ServiceProcess.RunAsync(project, environment);
}
