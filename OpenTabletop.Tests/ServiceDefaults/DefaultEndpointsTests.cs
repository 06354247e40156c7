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
