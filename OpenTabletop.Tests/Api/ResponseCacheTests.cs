using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpenTabletop.Api.Http.Caching;
using OpenTabletop.Data;
using OpenTabletop.Materializer;
using OpenTabletop.Materializer.Pipeline;
using OpenTabletop.Materializer.Runs;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The server-side response cache: a repeated read costs no database work and answers the same bytes
/// and ETag; requests that mean the same share an entry; a Materializer run retires every entry.
/// </summary>
public sealed class ResponseCacheTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override (string Key, string? Value)[] ApiSettings => [(ResponseCacheSettings.Variable, "300")];

    [Theory]
    [InlineData("/v1/games/spirit-island", "/v1/games/spirit-island")]
    [InlineData("/v1/games?players=3&sort=name&limit=5", "/v1/games?limit=5&SORT=name&players=3")]
    [InlineData("/v1/search?q=spirit%20island&type=game", "/v1/search?type=game&q=spirit%20island")]
    [InlineData("/v1/mechanics?limit=10", "/v1/mechanics?limit=10")]
    [InlineData("/v1/designers", "/v1/designers")]
    public async Task ARepeatedReadIsAnsweredFromTheCacheWithoutTheDatabase(string first, string same)
    {
        await VersionKnownAsync();

        var fresh = await CommandCounter.CountAsync(() => ReadAsync(first));
        var cached = await CommandCounter.CountAsync(() => ReadAsync(same));

        Assert.Equal(HttpStatusCode.OK, fresh.Result.Status);
        Assert.True(fresh.Count > 0, "the first read did not reach the database");
        Assert.True(cached.Count == 0, cached.Describe());
        Assert.Equal(fresh.Result.Body, cached.Result.Body);
        Assert.Equal(fresh.Result.ETag, cached.Result.ETag);
        Assert.Equal("application/json; charset=utf-8", cached.Result.ContentType);
    }

    [Theory]
    [InlineData("/v1/games/no-such-game")]
    [InlineData("/v1/games?players=abc")]
    [InlineData("/v1/games/spirit-island/weight-votes")]
    [InlineData("/v1/games/spirit-island/community-playtime")]
    public async Task ErrorsAndAnswersFromRawVotesAreNeverCached(string path)
    {
        await VersionKnownAsync();

        await ReadAsync(path);
        var again = await CommandCounter.CountAsync(() => ReadAsync(path));

        Assert.True(again.Count > 0 || again.Result.Status == HttpStatusCode.BadRequest, again.Describe());
        if (again.Result.Status == HttpStatusCode.BadRequest)
        {
            // Refused before any query: what proves it was not served from the cache is the problem itself.
            Assert.Equal("application/problem+json", again.Result.ContentType?.Split(';')[0]);
        }
    }

    [Fact]
    public async Task AMaterializerRunRetiresEveryCachedAnswerAtOnce()
    {
        var before = await VersionKnownAsync();
        using var cachedGame = JsonDocument.Parse((await ReadAsync("/v1/games/terraforming-mars")).Body);
        using var cachedList = JsonDocument.Parse((await ReadAsync("/v1/games?sort=name&limit=25")).Body);
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using (var votes = dataSource.CreateCommand(
            "INSERT INTO rating_votes (id, game_id, rating) SELECT gen_random_uuid(), id, 1 FROM games, generate_series(1, 500) WHERE slug = 'terraforming-mars'"))
        {
            await votes.ExecuteNonQueryAsync(Ct);
        }

        var coordinator = new RunCoordinator(dataSource, new MaterializationPipeline(new MaterializerSettings(), TimeProvider.System),
            new RunRecorder(dataSource), NullLogger<RunCoordinator>.Instance);
        var outcome = await coordinator.RunNowAsync(RunTrigger.Once, "test", Ct);
        Assert.Equal(RunStatus.Succeeded, outcome.Status);

        // The run's commit notified every replica; this one follows within milliseconds.
        var version = Api.Services.GetRequiredService<ServedDataVersion>();
        var after = await Deadline.PollAsync(() => Task.FromResult(version.Current), v => v > before, TimeSpan.FromSeconds(5), Ct);
        Assert.True(after > before, $"the served data version stayed {before}");
        using var game = JsonDocument.Parse((await ReadAsync("/v1/games/terraforming-mars")).Body);
        using var list = JsonDocument.Parse((await ReadAsync("/v1/games?sort=name&limit=25")).Body);
        var count = game.RootElement.GetProperty("rating_count").GetInt32();
        Assert.Equal(cachedGame.RootElement.GetProperty("rating_count").GetInt32() + 500, count);
        var listed = list.RootElement.GetProperty("data").EnumerateArray().Single(g => g.GetProperty("slug").GetString() == "terraforming-mars");
        Assert.Equal(count, listed.GetProperty("rating_count").GetInt32());
        Assert.NotEqual(cachedGame.RootElement.GetProperty("average_rating").GetDecimal(), game.RootElement.GetProperty("average_rating").GetDecimal());
    }

    [Fact]
    public async Task ARunThatChangesNothingKeepsTheVersion()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var coordinator = new RunCoordinator(dataSource, new MaterializationPipeline(new MaterializerSettings(), TimeProvider.System),
            new RunRecorder(dataSource), NullLogger<RunCoordinator>.Instance);
        await coordinator.RunNowAsync(RunTrigger.Once, "test", Ct);
        var settled = await VersionInDatabaseAsync(dataSource);

        var outcome = await coordinator.RunNowAsync(RunTrigger.Once, "test", Ct);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(settled, await VersionInDatabaseAsync(dataSource));
    }

    [Fact]
    public async Task CacheHitsAndMissesAreMetrics()
    {
        await VersionKnownAsync();
        await ReadAsync("/v1/themes?limit=7");
        await ReadAsync("/v1/themes?limit=7");

        var metrics = await Http.GetStringAsync("/metrics", Ct);

        Assert.Contains("opentabletop_cache_operations_total{otel_scope_name=\"OpenTabletop.Cache\",cache=\"responses\",outcome=\"hit\"}", metrics);
        Assert.Contains("opentabletop_cache_operations_total{otel_scope_name=\"OpenTabletop.Cache\",cache=\"responses\",outcome=\"miss\"}", metrics);
    }

    [Fact]
    public void KeysNormaliseTheQueryButKeepPathAndValues()
    {
        static string Key(long version, string pathAndQuery)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            var parts = pathAndQuery.Split('?', 2);
            context.Request.Path = parts[0];
            context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(parts.Length > 1 ? "?" + parts[1] : "");
            return ResponseCacheMiddleware.Key(version, context.Request);
        }

        Assert.Equal(Key(3, "/v1/games?b=2&A=1"), Key(3, "/v1/games?a=1&b=2"));
        Assert.NotEqual(Key(3, "/v1/games?a=1"), Key(4, "/v1/games?a=1"));
        Assert.NotEqual(Key(3, "/v1/games?a=1&a=2"), Key(3, "/v1/games?a=2&a=1"));
        Assert.NotEqual(Key(3, "/v1/games?a=1"), Key(3, "/v1/games?a=Spirit"));
        Assert.NotEqual(Key(3, "/v1/games?a=1&b"), Key(3, "/v1/games?a=1"));
        Assert.NotEqual(Key(3, "/v1/mechanics"), Key(3, "/v1/themes"));
    }

    private async Task<long> VersionKnownAsync()
    {
        var version = Api.Services.GetRequiredService<ServedDataVersion>();
        var current = await Deadline.PollAsync(() => Task.FromResult(version.Current), v => v is not null, TimeSpan.FromSeconds(10), Ct);
        Assert.NotNull(current);
        return current.Value;
    }

    private static async Task<long> VersionInDatabaseAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(DataVersions.ReadSql);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<Read> ReadAsync(string path)
    {
        using var response = await Http.GetAsync(path, Ct);
        return new Read(response.StatusCode, await response.Content.ReadAsByteArrayAsync(Ct), response.Headers.ETag?.Tag,
            response.Content.Headers.ContentType?.ToString());
    }

    private sealed record Read(HttpStatusCode Status, byte[] Body, string? ETag, string? ContentType);
}
