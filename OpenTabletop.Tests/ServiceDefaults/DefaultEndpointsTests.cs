using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.ServiceDefaults;

public sealed class DefaultEndpointsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task MigratedDatabaseIsReadyAndMetricsAreExposed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = ApiFactory.Start(await TestDatabases.CreateMigratedAsync(postgres, SeedMode.None, ct));
        using var http = api.CreateClient();

        using var live = await http.GetAsync("/healthz", ct);
        using var ready = await http.GetAsync("/readyz", ct);
        await http.GetAsync("/v1/games/anything", ct);
        var metrics = await Deadline.PollAsync(
            () => http.GetStringAsync("/metrics", ct),
            text => text.Contains("http_server_request_duration_seconds"),
            TimeSpan.FromSeconds(15), ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct));
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("http_server_request_duration_seconds", metrics);
    }

    [Fact]
    public async Task LivenessSaysWhichBuildRunsAndForHowLong()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = ApiFactory.Start(await TestDatabases.CreateMigratedAsync(postgres, SeedMode.None, ct));
        using var http = api.CreateClient();

        using var live = await http.GetAsync("/healthz", ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("no-store", live.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await live.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        Assert.Equal("ok", root.GetProperty("status").GetString());
        // The build's git commit, as the SDK stamps it from the checkout.
        Assert.Matches("^[0-9a-f]{40}$", root.GetProperty("version").GetString());
        Assert.InRange(root.GetProperty("uptime_seconds").GetInt64(), 0, 24 * 3600);
        Assert.InRange(root.GetProperty("timestamp").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task UnmigratedDatabaseIsNotReadyAndSaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = ApiFactory.Start(await postgres.CreateDatabaseAsync(ct));
        using var http = api.CreateClient();

        using var live = await http.GetAsync("/healthz", ct);
        using var ready = await http.GetAsync("/readyz", ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct));
        var database = body.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("unhealthy", database.GetProperty("status").GetString());
        Assert.Contains("no migrations", database.GetProperty("description").GetString());
    }
}
