using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.ServiceDefaults;

public sealed class ReadinessTests
{
    [Fact]
    public async Task ReadinessFollowsTheDatabaseDownAndBackUpWhileLivenessStaysUp()
    {
        var ct = TestContext.Current.CancellationToken;
        // A private server: stopping the shared one would break every other test.
        await using var postgres = await PostgresFixture.StartPrivateAsync(ct);
        await using var api = ApiFactory.Start(await TestDatabases.CreateMigratedAsync(postgres, SeedMode.None, ct));
        using var http = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz", ct)).StatusCode);

        await postgres.StopServerAsync(ct);
        var down = await Deadline.PollAsync(() => http.GetAsync("/readyz", ct), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), ct);
        var liveWhileDown = await http.GetAsync("/healthz", ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        using (var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync(ct)))
        {
            var database = body.RootElement.GetProperty("checks").GetProperty("database");
            Assert.Equal("unhealthy", database.GetProperty("status").GetString());
            Assert.Equal("The database is unreachable.", database.GetProperty("description").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);

        await postgres.StartServerAsync(ct);
        var up = await Deadline.PollAsync(() => http.GetAsync("/readyz", ct), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), ct);

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }
}
