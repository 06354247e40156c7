using System.Net;
using System.Text.Json;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Statistics;

/// <summary>Ranking history and transitions over hand-made snapshots (<see cref="StatisticsData.Rankings"/>).</summary>
public sealed class RankingTests(StatisticsSampleApi fixture) : IClassFixture<StatisticsSampleApi>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task RankingHistoryIsTheLatestSnapshotOnOrBeforeTheDate()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/history?top=2&date=2023-07-15");

        var root = body.RootElement;
        Assert.Equal("overall", root.GetProperty("scope").GetString());
        Assert.Equal("2023-06-01", root.GetProperty("date").GetString());
        Assert.Equal([(1, "stat-alpha", 8.9m), (2, "stat-bravo", 8.8m)], root.GetProperty("data").EnumerateArray()
            .Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("game_slug").GetString(), r.GetProperty("bayes_rating").GetDecimal())));
        Assert.Equal("/v1/statistics/rankings/history?top=2&date=2023-07-15", root.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task RankingHistoryDefaultsToTheLatestSnapshotAndTheTopTen()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/history");

        Assert.Equal("2024-03-01", body.RootElement.GetProperty("date").GetString());
        Assert.Equal(["stat-delta", "stat-echo", "stat-alpha", "stat-charlie", "stat-bravo"],
            body.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("game_slug").GetString()));
    }

    [Fact]
    public async Task RankingHistoryBeforeAnySnapshotIsEmpty()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/history?date=2021-12-31");

        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("date").ValueKind);
        Assert.Empty(body.RootElement.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task CategoryRankingsComeFromTheSnapshotsCategoryRanks()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/history?scope=euro&top=2");

        Assert.Equal("euro", body.RootElement.GetProperty("scope").GetString());
        Assert.Equal([(1, "stat-echo"), (2, "stat-charlie")], body.RootElement.GetProperty("data").EnumerateArray()
            .Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("game_slug").GetString())));
    }

    [Fact]
    public async Task TransitionsCompareTheWindowsFirstSnapshotWithEachYearsLast()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/transitions?top=3&year_min=2022&year_max=2024");

        // Points: 2022-01-01 (A B C), 2022-12-01 (A D B), 2023-12-01 (D A E), 2024-03-01 (D E A); 2022-07-01 and
        // 2023-06-01 are not points, so delta's stay starts at 2022-12-01 although it led on 2022-07-01.
        var root = body.RootElement;
        Assert.Equal(("overall", 3, "2022-01-01", "2024-03-01"),
            (root.GetProperty("scope").GetString(), root.GetProperty("top").GetInt32(), root.GetProperty("from").GetString(), root.GetProperty("to").GetString()));
        Assert.Equal([("stat-delta", 2, "2022-12-01", 1), ("stat-echo", 3, "2023-12-01", 2)], root.GetProperty("entered").EnumerateArray()
            .Select(e => (e.GetProperty("game_slug").GetString(), e.GetProperty("entered_rank").GetInt32(), e.GetProperty("entered_date").GetString(), e.GetProperty("current_rank").GetInt32())));
        Assert.Equal([("stat-charlie", 3, "2022-01-01", 3), ("stat-bravo", 3, "2022-12-01", 2)], root.GetProperty("exited").EnumerateArray()
            .Select(e => (e.GetProperty("game_slug").GetString(), e.GetProperty("exited_rank").GetInt32(), e.GetProperty("exited_date").GetString(), e.GetProperty("peak_rank").GetInt32())));
        var stable = Assert.Single(root.GetProperty("stable").EnumerateArray());
        Assert.Equal([("game_slug", "stat-alpha"), ("rank_2022", "1"), ("rank_2024", "3")],
            stable.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
    }

    [Fact]
    public async Task TransitionsStartAtTheFirstSnapshotOfYearMin()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/transitions?top=3&year_min=2023");

        // Points: 2023-06-01 (A B D), 2023-12-01 (D A E), 2024-03-01 (D E A).
        var root = body.RootElement;
        Assert.Equal(("2023-06-01", "2024-03-01"), (root.GetProperty("from").GetString(), root.GetProperty("to").GetString()));
        Assert.Equal(["stat-echo"], root.GetProperty("entered").EnumerateArray().Select(e => e.GetProperty("game_slug").GetString()));
        Assert.Equal([("stat-bravo", 2, "2023-06-01", 2)], root.GetProperty("exited").EnumerateArray()
            .Select(e => (e.GetProperty("game_slug").GetString(), e.GetProperty("exited_rank").GetInt32(), e.GetProperty("exited_date").GetString(), e.GetProperty("peak_rank").GetInt32())));
        Assert.Equal([("stat-delta", 3, 1), ("stat-alpha", 1, 3)], root.GetProperty("stable").EnumerateArray()
            .Select(s => (s.GetProperty("game_slug").GetString(), s.GetProperty("rank_2023").GetInt32(), s.GetProperty("rank_2024").GetInt32())));
    }

    [Fact]
    public async Task TransitionsOfAWindowWithinOneYearNameTheSnapshotsByDate()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/transitions?top=1&year_min=2022&year_max=2022");

        // Points: 2022-01-01 (alpha first) and 2022-12-01 (alpha first).
        var stable = Assert.Single(body.RootElement.GetProperty("stable").EnumerateArray());
        Assert.Equal(["game_slug", "rank_2022-01-01", "rank_2022-12-01"], stable.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TransitionsOfAWindowWithoutSnapshotsAreEmpty()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/rankings/transitions?year_min=2010&year_max=2012");

        var root = body.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("from").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("to").ValueKind);
        Assert.Empty(root.GetProperty("entered").EnumerateArray());
        Assert.Empty(root.GetProperty("exited").EnumerateArray());
        Assert.Empty(root.GetProperty("stable").EnumerateArray());
    }

    [Fact]
    public async Task RankingParametersAreValidatedTogether()
    {
        using var history = await StatisticsProblems.GetAsync(_http, "/v1/statistics/rankings/history?scope=Euro!&top=0&date=2024-02-30", HttpStatusCode.BadRequest);
        using var transitions = await StatisticsProblems.GetAsync(_http, "/v1/statistics/rankings/transitions?top=abc&year_min=2025&year_max=2020", HttpStatusCode.BadRequest);
        using var tooMany = await StatisticsProblems.GetAsync(_http, "/v1/statistics/rankings/transitions?top=101&year_min=0", HttpStatusCode.BadRequest);

        Assert.Equal([("date", "invalid_format"), ("scope", "invalid_format"), ("top", "out_of_range")], GameStatisticsTests.Errors(history));
        Assert.Equal([("top", "invalid_type"), ("year_min", "invalid_range")], GameStatisticsTests.Errors(transitions));
        Assert.Equal([("top", "out_of_range"), ("year_min", "out_of_range")], GameStatisticsTests.Errors(tooMany));
    }

    [Theory]
    [InlineData("history")]
    [InlineData("transitions")]
    public async Task AnUnknownCategoryScopeIsUnprocessable(string resource)
    {
        using var problem = await StatisticsProblems.GetAsync(_http, $"/v1/statistics/rankings/{resource}?scope=no-such-category", HttpStatusCode.UnprocessableEntity);

        Assert.Equal([("scope", "unknown_slug")], GameStatisticsTests.Errors(problem));
    }

    [Theory]
    [InlineData("/games/{id}/rating-distribution", "getGameRatingDistribution", "404,410")]
    [InlineData("/games/{id}/weight-votes", "getGameWeightVotes", "404,410")]
    [InlineData("/games/{id}/community-playtime", "getGameCommunityPlaytime", "404,410")]
    [InlineData("/games/{id}/polls", "getGamePolls", "404,410")]
    [InlineData("/games/{id}/history", "getGameHistory", "400,404,410")]
    [InlineData("/statistics/trends/publications", "getPublicationTrends", "400,422")]
    [InlineData("/statistics/trends/mechanics", "getMechanicTrends", "400,422")]
    [InlineData("/statistics/trends/weight", "getWeightTrends", "400,422")]
    [InlineData("/statistics/trends/player-count", "getPlayerCountTrends", "400,422")]
    [InlineData("/statistics/rankings/history", "getRankingHistory", "400,422")]
    [InlineData("/statistics/rankings/transitions", "getRankingTransitions", "400,422")]
    public async Task StatisticsOperationsAreDocumentedWithTheirProblems(string path, string operationId, string problems)
    {
        using var document = await _http.GetJsonAsync("/openapi/v1.json");

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get");
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.Contains("Statistics", operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        foreach (var status in problems.Split(','))
            Assert.True(operation.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {status}");
    }
}
