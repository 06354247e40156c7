using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>Votes and plays in: stored as given, answered 201 with a Location that resolves, idempotent on retry, capped per key and game.</summary>
public sealed class VoteTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Limit = 3;

    private ApiFactory _api = null!;
    private HttpClient _http = null!;
    private string _connectionString = "";
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, ct);
        _api = ApiFactory.Start(_connectionString, ("VOTE_LIMIT_PER_GAME_PER_HOUR", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _http = _api.CreateClient();
        _key = await NewKeyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task ARatingIsStoredAsGivenAndItsLocationAnswersTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await PostAsync("/v1/games/spirit-island/ratings", """{"rating": 4.5, "declared_scale": 5, "play_count": 12, "experience_level": "expert"}""");

        var body = await CreatedAsync(response);
        Assert.Equal(4.5, body.RootElement.GetProperty("rating").GetDouble());
        Assert.Equal(5, body.RootElement.GetProperty("declared_scale").GetInt32());
        Assert.Equal(12, body.RootElement.GetProperty("play_count").GetInt32());
        Assert.Equal("expert", body.RootElement.GetProperty("experience_level").GetString());
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/v1/games/spirit-island/ratings/", location);
        using var again = await _http.GetJsonAsync(location);
        Assert.Equal(body.RootElement.GetRawText(), again.RootElement.GetRawText());
        Assert.Equal(4.5m, await ScalarAsync<decimal>("SELECT rating FROM rating_votes WHERE id = $1", ct, Guid.Parse(body.RootElement.GetProperty("id").GetString()!)));
    }

    [Fact]
    public async Task AWeightKeepsItsThreeDecimalsAndMoreAreRefusedNotRounded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kept = await PostAsync("/v1/games/spirit-island/weight", """{"weight": 3.125}""");
        var body = await CreatedAsync(kept);
        Assert.Equal(3.125, body.RootElement.GetProperty("weight").GetDouble());

        using var refused = await PostAsync("/v1/games/spirit-island/weight", """{"weight": 3.1255}""");
        await AssertFieldErrorsAsync(refused, ("weight", "too_precise"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM weight_votes WHERE api_key_id IS NOT NULL", ct));
    }

    [Fact]
    public async Task APlayIsLoggedWithItsDetails()
    {
        using var response = await PostAsync("/v1/games/terraforming-mars/plays",
            """{"duration_minutes": 135, "player_count": 4, "experience_level": "learning", "played_at": "2026-11-30"}""");

        var body = await CreatedAsync(response);
        Assert.Equal(135, body.RootElement.GetProperty("duration_minutes").GetInt32());
        Assert.Equal(4, body.RootElement.GetProperty("player_count").GetInt32());
        Assert.False(body.RootElement.GetProperty("is_campaign").GetBoolean());
        Assert.Equal("2026-11-30", body.RootElement.GetProperty("played_at").GetString());
        using var again = await _http.GetJsonAsync(response.Headers.Location!.ToString());
        Assert.Equal(body.RootElement.GetRawText(), again.RootElement.GetRawText());
    }

    [Fact]
    public async Task EveryBadFieldIsListedAtOnceAndNothingIsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        using var rating = await PostAsync("/v1/games/spirit-island/ratings", """{"rating": 11, "play_count": -1, "experience_level": "guru"}""");
        await AssertFieldErrorsAsync(rating, ("rating", "out_of_range"), ("play_count", "out_of_range"), ("experience_level", "invalid_enum"));
        using var scaled = await PostAsync("/v1/games/spirit-island/ratings", """{"rating": 6, "declared_scale": 5}""");
        await AssertFieldErrorsAsync(scaled, ("rating", "out_of_range"));
        using var missing = await PostAsync("/v1/games/spirit-island/ratings", """{}""");
        await AssertFieldErrorsAsync(missing, ("rating", "required"));
        using var play = await PostAsync("/v1/games/spirit-island/plays", """{"duration_minutes": 0, "player_count": 0, "played_at": "2999-01-01"}""");
        await AssertFieldErrorsAsync(play, ("duration_minutes", "out_of_range"), ("player_count", "out_of_range"), ("played_at", "out_of_range"));
        foreach (var wrong in new[] { """{"rating": "8"}""", """{"rating": 8""", "", """{"rating": 1e400}""" })
        {
            using var response = await PostAsync("/v1/games/spirit-island/ratings", wrong);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await ScalarAsync<long>("SELECT (SELECT count(*) FROM rating_votes WHERE api_key_id IS NOT NULL) + (SELECT count(*) FROM play_logs WHERE api_key_id IS NOT NULL)", ct));
    }

    [Fact]
    public async Task AVoteForAGameThatDoesNotExistIs404()
    {
        using var response = await PostAsync("/v1/games/no-such-game/ratings", """{"rating": 8}""");
        await ApiKeyTests.AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found", "no-such-game");
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndCastsNoSecondVote()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await PostAsync("/v1/games/spirit-island/ratings", """{"rating": 9}""", idempotencyKey: "retry-1");
        var body = await CreatedAsync(first);
        // The same request by the game's id and with other whitespace is the same request.
        var id = await ScalarAsync<Guid>("SELECT id FROM games WHERE slug = 'spirit-island'", ct);
        using var retry = await PostAsync($"/v1/games/{id}/ratings", """{ "rating" : 9 }""", idempotencyKey: "retry-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(body.RootElement.GetRawText(), await retry.Content.ReadAsStringAsync(ct));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM rating_votes WHERE api_key_id IS NOT NULL", ct));

        using var other = await PostAsync("/v1/games/spirit-island/ratings", """{"rating": 3}""", idempotencyKey: "retry-1");
        await AssertFieldErrorsAsync(other, HttpStatusCode.UnprocessableEntity, ("Idempotency-Key", "idempotency_key_reused"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM rating_votes WHERE api_key_id IS NOT NULL", ct));
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneRequestWriteOneVote()
    {
        var ct = TestContext.Current.CancellationToken;
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            PostAsync("/v1/games/spirit-island/weight", """{"weight": 2.5}""", idempotencyKey: "same-everywhere")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.ToString()).Distinct());
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM weight_votes WHERE api_key_id IS NOT NULL", ct));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task OneKeyCannotFloodAGame()
    {
        var ct = TestContext.Current.CancellationToken;
        // Concurrent, so the count and the insert must be atomic: exactly the limit gets through.
        var responses = await Task.WhenAll(Enumerable.Range(0, Limit + 4).Select(i =>
            PostAsync("/v1/games/spirit-island/ratings", $$"""{"rating": {{i % 10 + 1}}}""")));

        Assert.Equal(Limit, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.InRange(int.Parse(refused[0].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        await ApiKeyTests.AssertProblemAsync(refused[0], HttpStatusCode.TooManyRequests, "rate-limited", "within the last hour");
        Assert.Equal(Limit, await ScalarAsync<long>("SELECT count(*) FROM rating_votes WHERE api_key_id IS NOT NULL", ct));

        // Per game and per key: another game, or another key, is not limited by these.
        using (var otherGame = await PostAsync("/v1/games/terraforming-mars/ratings", """{"rating": 8}"""))
        {
            Assert.Equal(HttpStatusCode.Created, otherGame.StatusCode);
        }
        var otherKey = await NewKeyAsync();
        using (var otherVoter = await PostAsync("/v1/games/spirit-island/ratings", """{"rating": 8}""", key: otherKey))
        {
            Assert.Equal(HttpStatusCode.Created, otherVoter.StatusCode);
        }
        foreach (var response in responses) response.Dispose();
    }

    private async Task<string> NewKeyAsync() =>
        (await _api.Services.GetRequiredService<ApiKeyStore>().CreateAsync("voter", ["write"], null, null, TestContext.Current.CancellationToken)).Plaintext;

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string? idempotencyKey = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key ?? _key);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonDocument> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static Task AssertFieldErrorsAsync(HttpResponseMessage response, params (string Field, string Code)[] expected) =>
        AssertFieldErrorsAsync(response, HttpStatusCode.BadRequest, expected);

    private static async Task AssertFieldErrorsAsync(HttpResponseMessage response, HttpStatusCode status, params (string Field, string Code)[] expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!)).ToHashSet();
        Assert.Equal(expected.ToHashSet(), errors);
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
