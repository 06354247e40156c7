using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// Rate limits: per address anonymously, per key with one, headers on every response, 429 with
/// Retry-After, one budget across replicas through a real redis-server, and requests still answered
/// when that server is gone.
/// </summary>
public sealed class RateLimitTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Path = "/v1/mechanics?limit=1";
    private string _connectionString = "";

    public async ValueTask InitializeAsync() =>
        _connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AnAddressGetsItsLimitThenA429WithRetryAfterAndEveryResponseSaysWhereItStands()
    {
        await using var api = Start(("RATE_LIMIT_ANONYMOUS", "5"));
        var http = api.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var allowed = await http.GetAsync(Path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("5", Header(allowed, "X-RateLimit-Limit"));
            Assert.Equal((4 - i).ToString(CultureInfo.InvariantCulture), Header(allowed, "X-RateLimit-Remaining"));
            var reset = long.Parse(Header(allowed, "X-RateLimit-Reset"), CultureInfo.InvariantCulture);
            Assert.InRange(reset, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 61);
        }

        using var limited = await http.GetAsync(Path, TestContext.Current.CancellationToken);
        await ApiKeyTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited", "rate limit of 5 requests per minute");
        // One token every 12 s at 5 a minute.
        Assert.InRange(int.Parse(Header(limited, "Retry-After"), CultureInfo.InvariantCulture), 1, 12);
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));

        // Probes are never limited.
        using var health = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // A 404 is counted and carries the headers too.
        using var missing = await http.GetAsync("/v1/games/no-such-game", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, missing.StatusCode);
    }

    [Fact]
    public async Task AKeyHasItsOwnLargerBudgetAndAWrongKeySpendsTheAddresss()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = Start(("RATE_LIMIT_ANONYMOUS", "3"), ("RATE_LIMIT_AUTHENTICATED", "6"));
        var key = (await api.Services.GetRequiredService<ApiKeyStore>().CreateAsync("t", ["read"], null, null, ct)).Plaintext;
        var http = api.CreateClient();

        var withKey = await StatusesAsync(http, 7, key);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), HttpStatusCode.TooManyRequests], withKey);

        // The address's own three are untouched by the key's requests; a wrong key spends one of them (401).
        var wrong = await StatusesAsync(http, 1, ApiKeyStore.Prefix + "wrong-key-wrong-key-wrong-key-wrong-key-wro");
        Assert.Equal([HttpStatusCode.Unauthorized], wrong);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await StatusesAsync(http, 3, null));
    }

    [Fact]
    public async Task ReplicasShareOneBudgetThroughTheCacheAndAnswerWithoutIt()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(RedisFixture.RedisServerInstalled, "redis-server must be installed for this test (apt-get install redis-server).");
        var redis = await RedisFixture.StartAsync(RedisFixture.RedisProvider, ct);
        await using var replicaA = Start(("RATE_LIMIT_ANONYMOUS", "6"), ("ConnectionStrings:cache", redis.ConnectionString));
        await using var replicaB = Start(("RATE_LIMIT_ANONYMOUS", "6"), ("ConnectionStrings:cache", redis.ConnectionString));
        var (a, b) = (replicaA.CreateClient(), replicaB.CreateClient());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.AddRange(await StatusesAsync(a, 1, null));
            statuses.AddRange(await StatusesAsync(b, 1, null));
        }
        // Six between them, not six each.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // The cache goes away: every request is still answered, counted by each replica alone.
        await redis.DisposeAsync();
        var alone = await StatusesAsync(a, 7, null);
        Assert.All(alone, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.Equal(6, alone.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, alone[^1]);
    }

    [Fact]
    public async Task TheSharedBudgetRunsOnGarnetAsOnRedis()
    {
        // The AppHost embeds Garnet when no Redis is around; its Lua must run the same script.
        await using var garnet = await RedisFixture.StartAsync(RedisFixture.GarnetProvider, TestContext.Current.CancellationToken);
        await using var replicaA = Start(("RATE_LIMIT_ANONYMOUS", "4"), ("ConnectionStrings:cache", garnet.ConnectionString));
        await using var replicaB = Start(("RATE_LIMIT_ANONYMOUS", "4"), ("ConnectionStrings:cache", garnet.ConnectionString));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.AddRange(await StatusesAsync(replicaA.CreateClient(), 1, null));
            statuses.AddRange(await StatusesAsync(replicaB.CreateClient(), 1, null));
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task XForwardedForNamesTheClientOnlyFromATrustedProxy()
    {
        await using var untrusting = Start(("RATE_LIMIT_ANONYMOUS", "2"));
        await using var trusting = Start(("RATE_LIMIT_ANONYMOUS", "2"), ("TRUSTED_PROXIES", "127.0.0.1,::1"));

        // Untrusted: the header is ignored, so changing it does not buy a fresh budget.
        var spoofed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) spoofed.AddRange(await StatusesAsync(untrusting.CreateClient(), 1, null, forwardedFor: $"203.0.113.{i}"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], spoofed);

        // Trusted: each forwarded client has its own.
        var http = trusting.CreateClient();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await StatusesAsync(http, 3, null, forwardedFor: "198.51.100.7"));
        Assert.Equal([HttpStatusCode.OK], await StatusesAsync(http, 1, null, forwardedFor: "198.51.100.8"));
    }

    private ApiFactory Start(params (string Key, string? Value)[] settings) => ApiFactory.Start(_connectionString, settings);

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient http, int count, string? key, string? forwardedFor = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Path);
            if (key is not null) request.Headers.Add("X-API-Key", key);
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.Headers.Contains("X-RateLimit-Limit"), $"{(int)response.StatusCode} without rate-limit headers");
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
