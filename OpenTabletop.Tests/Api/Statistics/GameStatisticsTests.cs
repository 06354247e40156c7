using System.Net;
using System.Text.Json;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Statistics;

/// <summary>A game's statistics sub-resources over hand-made raw rows (<see cref="StatisticsData"/>).</summary>
public sealed class GameStatisticsTests(StatisticsSampleApi fixture) : IClassFixture<StatisticsSampleApi>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task RatingDistributionIsTheGamesMaterializedHistogramWithItsConfidence()
    {
        using var body = await _http.GetJsonAsync($"/v1/games/{StatisticsData.Alpha}/rating-distribution");

        var root = body.RootElement;
        Assert.Equal(StatisticsData.Alpha.ToString(), root.GetProperty("game_id").GetString());
        Assert.Equal(7.0m, root.GetProperty("average_rating").GetDecimal());
        Assert.Equal(10, root.GetProperty("rating_count").GetInt32());
        Assert.Equal([0, 0, 0, 1, 1, 2, 3, 2, 1, 0], root.GetProperty("rating_distribution").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1.612m, root.GetProperty("rating_stddev").GetDecimal());
        Assert.Equal(0.274m, root.GetProperty("confidence").GetDecimal());
        Assert.Equal("/v1/games/stat-alpha/rating-distribution", root.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
        Assert.Equal("/v1/games/stat-alpha", root.GetProperty("_links").GetProperty("game").GetProperty("href").GetString());
    }

    [Fact]
    public async Task RatingDistributionOfAnUnratedGameIsNullNotInvented()
    {
        using var body = await _http.GetJsonAsync("/v1/games/stat-charlie/rating-distribution");

        var root = body.RootElement;
        Assert.Equal(0, root.GetProperty("rating_count").GetInt32());
        foreach (var field in new[] { "average_rating", "rating_distribution", "rating_stddev", "confidence" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task WeightVotesCountInTheNearestHalfPointWithHalvesUp()
    {
        using var body = await _http.GetJsonAsync("/v1/games/stat-alpha/weight-votes");

        var root = body.RootElement;
        var votes = root.GetProperty("votes").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ToList();
        Assert.Equal([("1.0", 2), ("1.5", 1), ("2.0", 0), ("2.5", 1), ("3.0", 2), ("3.5", 0), ("4.0", 0), ("4.5", 0), ("5.0", 2)], votes);
        Assert.Equal(8, root.GetProperty("total_votes").GetInt32());
        // (1.0 + 1.2 + 1.25 + 2.74 + 2.75 + 3.0 + 4.9 + 5.0) / 8 = 21.84 / 8
        Assert.Equal(2.73m, root.GetProperty("average").GetDecimal());
    }

    [Fact]
    public async Task WeightVotesOfAGameWithoutVotesHaveEveryBucketAtZero()
    {
        using var body = await _http.GetJsonAsync("/v1/games/stat-bravo/weight-votes");

        var root = body.RootElement;
        Assert.Equal(9, root.GetProperty("votes").EnumerateObject().Count(p => p.Value.GetInt32() == 0));
        Assert.Equal(0, root.GetProperty("total_votes").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("average").ValueKind);
    }

    [Fact]
    public async Task CommunityPlaytimeCountsSessionsOfFiveMinutesToADayAndInterpolatesPercentiles()
    {
        using var body = await _http.GetJsonAsync("/v1/games/stat-alpha/community-playtime");

        // Counted: 30, 43, 50, 60, 100 (the 4-minute, 1441-minute and campaign logs are not).
        // percentile_cont at p·(n-1): p10 = 30 + 0.4·13 = 35.2, p25 = 43, p50 = 50, p75 = 60, p90 = 60 + 0.6·40 = 84.
        var root = body.RootElement;
        Assert.Equal(5, root.GetProperty("total_plays").GetInt32());
        Assert.Equal(30, root.GetProperty("min_reported").GetInt32());
        Assert.Equal(100, root.GetProperty("max_reported").GetInt32());
        Assert.Equal(50, root.GetProperty("median").GetInt32());
        Assert.Equal(35, root.GetProperty("p10").GetInt32());
        Assert.Equal(43, root.GetProperty("p25").GetInt32());
        Assert.Equal(60, root.GetProperty("p75").GetInt32());
        Assert.Equal(84, root.GetProperty("p90").GetInt32());
        // 2 players: (30 + 43) / 2 = 36.5, rounded half to even as the Materializer rounds: 36. 3 players: 55.
        var byCount = root.GetProperty("by_player_count").EnumerateObject()
            .Select(p => (p.Name, p.Value.GetProperty("median").GetInt32(), p.Value.GetProperty("plays").GetInt32())).ToList();
        Assert.Equal([("2", 36, 2), ("3", 55, 2)], byCount);
    }

    [Fact]
    public async Task CommunityPlaytimeWithoutLogsIsEmpty()
    {
        using var body = await _http.GetJsonAsync("/v1/games/stat-bravo/community-playtime");

        var root = body.RootElement;
        Assert.Equal(0, root.GetProperty("total_plays").GetInt32());
        foreach (var field in new[] { "min_reported", "max_reported", "median", "p10", "p25", "p75", "p90" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty(field).ValueKind);
        Assert.Empty(root.GetProperty("by_player_count").EnumerateObject());
    }

    [Fact]
    public async Task PollsAreWhatIncludePollsEmbedsEachItemInItsSpecSchema()
    {
        using var polls = await _http.GetJsonAsync("/v1/games/stat-alpha/polls");
        using var game = await _http.GetJsonAsync("/v1/games/stat-alpha?include=polls");

        var root = polls.RootElement;
        var embedded = game.RootElement.GetProperty("polls");
        foreach (var list in new[] { "player_count_ratings", "player_count", "community_age", "language_dependence" })
            Assert.Equal(embedded.GetProperty(list).GetRawText(), root.GetProperty(list).GetRawText());
        Assert.Equal([(2, 15), (4, 12)], root.GetProperty("player_count").EnumerateArray()
            .Select(p => (p.GetProperty("player_count").GetInt32(), p.GetProperty("total_votes").GetInt32())));
        Assert.Equal([8, 12, 14], root.GetProperty("community_age").EnumerateArray().Select(p => p.GetProperty("suggested_age").GetInt32()));
        Assert.Equal(["no_text", "moderate_text", "unplayable_without_text"],
            root.GetProperty("language_dependence").EnumerateArray().Select(p => p.GetProperty("level").GetString()));
        AssertItems(root, "player_count_ratings", "PlayerCountPoll.yaml", "PlayerCountRating");
        AssertItems(root, "player_count", "PlayerCountPoll.yaml", "PlayerCountPollLegacy");
        AssertItems(root, "community_age", "CommunityAgePoll.yaml", "CommunityAgePoll");
        AssertItems(root, "language_dependence", "LanguageDependencePoll.yaml", "LanguageDependencePoll");
        Assert.Equal("/v1/games/stat-alpha/polls", root.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task MonthlyHistoryIsEverySnapshotInTheRange()
    {
        using var body = await _http.GetJsonAsync("/v1/games/stat-alpha/history?from=2022-06-01&to=2023-12-31");

        var root = body.RootElement;
        Assert.Equal("stat-alpha", root.GetProperty("game").GetProperty("slug").GetString());
        Assert.Equal("rating", root.GetProperty("metric").GetString());
        Assert.Equal("monthly", root.GetProperty("granularity").GetString());
        var points = root.GetProperty("data").EnumerateArray()
            .Select(p => (p.GetProperty("date").GetString(), p.GetProperty("average_rating").GetDecimal(), p.GetProperty("rating_count").GetInt32())).ToList();
        Assert.Equal([("2022-07-01", 7.2m, 20), ("2022-12-01", 7.3m, 30), ("2023-06-01", 7.4m, 40), ("2023-12-01", 7.5m, 50)], points);
        Assert.Equal("/v1/games/stat-alpha/history?from=2022-06-01&to=2023-12-31", root.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task YearlyHistoryIsEachYearsLastSnapshotAndSumsThePlaysOfTheYear()
    {
        using var rating = await _http.GetJsonAsync("/v1/games/stat-alpha/history?granularity=yearly");
        using var plays = await _http.GetJsonAsync("/v1/games/stat-alpha/history?granularity=yearly&metric=plays");

        Assert.Equal([("2022-12-01", 30), ("2023-12-01", 50), ("2024-03-01", 60)], rating.RootElement.GetProperty("data").EnumerateArray()
            .Select(p => (p.GetProperty("date").GetString(), p.GetProperty("rating_count").GetInt32())));
        // 2022: 5 + 7 + 11; 2023: 13 + none; 2024: 17.
        Assert.Equal([("2022-12-01", 23), ("2023-12-01", 13), ("2024-03-01", 17)], plays.RootElement.GetProperty("data").EnumerateArray()
            .Select(p => (p.GetProperty("date").GetString(), p.GetProperty("play_count_period").GetInt32())));
    }

    [Theory]
    [InlineData("rating", new[] { "date", "average_rating", "rating_count" })]
    [InlineData("confidence", new[] { "date", "rating_confidence", "rating_count" })]
    [InlineData("weight", new[] { "date", "weight", "weight_votes" })]
    [InlineData("rank", new[] { "date", "rank_overall", "rank_by_category", "bayes_rating" })]
    [InlineData("plays", new[] { "date", "play_count_period" })]
    public async Task EachHistoryMetricCarriesItsSnapshotFields(string metric, string[] fields)
    {
        using var body = await _http.GetJsonAsync($"/v1/games/stat-echo/history?metric={metric}");

        var points = body.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(6, points.Count);
        Assert.All(points, p => Assert.Equal(fields, p.EnumerateObject().Select(f => f.Name)));
        if (metric == "rank")
        {
            // Echo: 5th, 5th, 5th, 4th, 3rd, 2nd overall; first in the euro category in the last snapshot.
            Assert.Equal([5, 5, 5, 4, 3, 2], points.Select(p => p.GetProperty("rank_overall").GetInt32()));
            Assert.Equal(1, points[^1].GetProperty("rank_by_category").GetProperty("euro").GetInt32());
        }
    }

    [Fact]
    public async Task HistoryListsEveryBadParameterInOneProblem()
    {
        var problem = await ProblemAsync("/v1/games/stat-alpha/history?metric=fun&granularity=weekly&from=2024-02-30&to=yesterday", HttpStatusCode.BadRequest);

        Assert.Equal([("from", "invalid_format"), ("granularity", "invalid_enum"), ("metric", "invalid_enum"), ("to", "invalid_format")], Errors(problem));
    }

    [Fact]
    public async Task HistoryWithAReversedRangeIsAnInvalidRange()
    {
        var problem = await ProblemAsync("/v1/games/stat-alpha/history?from=2024-01-01&to=2023-01-01", HttpStatusCode.BadRequest);

        Assert.Equal([("from", "invalid_range")], Errors(problem));
    }

    [Theory]
    [InlineData("rating-distribution")]
    [InlineData("weight-votes")]
    [InlineData("community-playtime")]
    [InlineData("polls")]
    [InlineData("history")]
    public async Task UnknownGamesAreNotFoundAndRetiredOnesGone(string resource)
    {
        await ProblemAsync($"/v1/games/no-such-game/{resource}", HttpStatusCode.NotFound);
        await ProblemAsync($"/v1/games/{Guid.CreateVersion7()}/{resource}", HttpStatusCode.NotFound);
        await ProblemAsync($"/v1/games/{StatisticsData.RetiredSlug}/{resource}", HttpStatusCode.Gone);
    }

    [Theory]
    [InlineData("/v1/games/stat-alpha/rating-distribution")]
    [InlineData("/v1/games/stat-alpha/weight-votes")]
    [InlineData("/v1/games/stat-alpha/community-playtime")]
    [InlineData("/v1/games/stat-alpha/polls")]
    [InlineData("/v1/games/stat-alpha/history")]
    [InlineData("/v1/statistics/trends/publications")]
    [InlineData("/v1/statistics/rankings/history")]
    public async Task StatisticsAreCachedFiveMinutesWithAnETag(string href)
    {
        using var response = await _http.GetAsync(href, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    private static void AssertItems(JsonElement root, string list, string schemaFile, string schemaName)
    {
        var items = root.GetProperty(list).EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Empty(SpecSchema.ValidateSchema(schemaFile, schemaName, item.GetRawText())));
    }

    internal static List<(string?, string?)> Errors(JsonDocument problem) =>
        [.. problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).OrderBy(e => e.Item1, StringComparer.Ordinal)];

    private async Task<JsonDocument> ProblemAsync(string href, HttpStatusCode status) => await StatisticsProblems.GetAsync(_http, href, status);
}

internal static class StatisticsProblems
{
    /// <summary>GETs a problem with the given status, checks its media type and the spec's ErrorResponse schema.</summary>
    public static async Task<JsonDocument> GetAsync(HttpClient http, string href, HttpStatusCode status)
    {
        using var response = await http.GetAsync(href, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{href}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
        return JsonDocument.Parse(body);
    }
}
