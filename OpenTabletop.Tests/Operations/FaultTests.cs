using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Operations;

/// <summary>Real servers failing under traffic: the Api answers clearly meanwhile and recovers without a restart.</summary>
public sealed class FaultTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Reads =
        ["/v1/games/spirit-island", "/v1/games?players=3&sort=rating&order=desc", "/v1/mechanics?limit=5", "/v1/search?q=spirit"];

    [Fact]
    public async Task TheDatabaseStoppedMidTrafficGives503ProblemsThenServiceResumesWithoutRestart()
    {
        // A private server: stopping the shared one would break every other test.
        await using var server = await PostgresFixture.StartPrivateAsync(Ct);
        await using var api = ApiFactory.Start(await TestDatabases.CreateMigratedAsync(server, SeedMode.Sample, Ct));
        using var http = api.CreateClient();
        var statuses = new ConcurrentQueue<HttpStatusCode>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var traffic = Task.Run(() => TrafficAsync(http, statuses, stop.Token), Ct);

        await server.StopServerAsync(Ct);
        var refused = await Deadline.PollAsync(() => http.GetAsync(Reads[0], Ct), r => r.StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(30), Ct);
        var body = await refused.Content.ReadAsStringAsync(Ct);
        using var readiness = await http.GetAsync("/readyz", Ct);
        using var liveness = await http.GetAsync("/healthz", Ct);

        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {body}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(body))
        {
            Assert.Equal("https://api.opentabletop.org/problems/unavailable", problem.RootElement.GetProperty("type").GetString());
            Assert.Contains("database is unavailable", problem.RootElement.GetProperty("detail").GetString());
        }
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);

        await server.StartServerAsync(Ct);
        var recovered = await Deadline.PollAsync(async () =>
        {
            using var ready = await http.GetAsync("/readyz", Ct);
            var answers = await Task.WhenAll(Reads.Select(async path =>
            {
                using var response = await http.GetAsync(path, Ct);
                return response.StatusCode;
            }));
            return ready.StatusCode == HttpStatusCode.OK && answers.All(s => s == HttpStatusCode.OK);
        }, ok => ok, TimeSpan.FromSeconds(30), Ct);
        await stop.CancelAsync();
        await traffic;

        Assert.True(recovered, "the Api did not recover within 30 s of the database's return");
        var unexpected = statuses.Where(s => s is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, $"answers other than 200 and 503 meanwhile: {string.Join(", ", unexpected.Distinct())}");
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
    }

    [Fact]
    public async Task TheCacheStoppedMidTrafficChangesNoAnswer()
    {
        Assert.True(RedisFixture.RedisServerInstalled, "redis-server must be installed for this test (apt-get install redis-server).");
        var redis = await RedisFixture.StartAsync(RedisFixture.RedisProvider, Ct);
        await using var api = ApiFactory.Start(await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, Ct),
            ("ConnectionStrings:cache", redis.ConnectionString), ("RESPONSE_CACHE_SECONDS", "300"));
        using var http = api.CreateClient();
        var before = await BodiesAsync(http, Reads);

        await redis.DisposeAsync();
        // Cached before (answered from this replica's memory or computed again), and never asked before.
        var without = await BodiesAsync(http, Reads);
        var fresh = await BodiesAsync(http, ["/v1/games/terraforming-mars", "/v1/themes?limit=3", "/v1/games?players=2"]);

        Assert.Equal(before, without);
        Assert.All(fresh.Values, body => Assert.StartsWith("{", body));
    }

    private static async Task<Dictionary<string, string>> BodiesAsync(HttpClient http, IEnumerable<string> paths)
    {
        var bodies = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            using var response = await http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies[path] = await response.Content.ReadAsStringAsync(Ct);
        }
        return bodies;
    }

    private static async Task TrafficAsync(HttpClient http, ConcurrentQueue<HttpStatusCode> statuses, CancellationToken ct)
    {
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await http.GetAsync(Reads[i % Reads.Length], ct);
                statuses.Enqueue(response.StatusCode);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
