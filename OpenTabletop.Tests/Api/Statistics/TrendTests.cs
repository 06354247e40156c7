using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Statistics;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Statistics;

/// <summary>The cross-sectional trends over the hand-made games of the 1950s (<see cref="StatisticsData"/>).</summary>
public sealed class TrendTests(StatisticsSampleApi fixture) : IClassFixture<StatisticsSampleApi>
{
    private const string Fifties = "year_min=1950&year_max=1959";
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task PublicationTrendsAggregateEachYearsActiveGames()
    {
        using var body = await _http.GetJsonAsync($"/v1/statistics/trends/publications?{Fifties}");

        var data = body.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([1951, 1952, 1959], data.Select(p => p.GetProperty("period").GetInt32()));
        // 1951: alpha, bravo, charlie (golf is archived). Ratings 7, 8 (charlie has none); weights 2, 3, 4;
        // players 1-4, 2-4, 1-2; max playtime 60, 90, 30.
        AssertPoint(data[0], 3, 7.5, 3.0, 3.0, 2.5, 3.5, 1.33, 3.33, 66.7, 60.0);
        // 1952: delta alone, unweighed.
        AssertPoint(data[1], 1, 6.0, null, null, null, null, 3.0, 6.0, 0.0, 120.0);
        AssertPoint(data[2], 1, 7.5, 2.5, 2.5, 2.5, 2.5, 1.0, 1.0, 100.0, 20.0);
        Assert.All(data, p => Assert.Empty(SpecSchema.ValidateSchema("TrendDataPoint.yaml", "TrendDataPoint", p.GetRawText())));

        var meta = body.RootElement.GetProperty("meta");
        Assert.Equal("year", meta.GetProperty("group_by").GetString());
        Assert.Equal(5, meta.GetProperty("filter_summary").GetProperty("total_matching").GetInt32());
        Assert.Equal("Published between 1950 and 1959", meta.GetProperty("filter_summary").GetProperty("filters_applied").GetProperty("year").GetString());
        Assert.Equal(0, meta.GetProperty("games_without_year").GetInt32());
        Assert.Equal($"/v1/statistics/trends/publications?{Fifties}", body.RootElement.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task DecadesStartAtTheirFirstYear()
    {
        using var body = await _http.GetJsonAsync($"/v1/statistics/trends/publications?{Fifties}&group_by=decade");

        var point = Assert.Single(body.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(1950, point.GetProperty("period").GetInt32());
        // Ratings 7, 8, 6, 7.5 → 7.125 → 7.13; weights 2, 2.5, 3, 4 → mean 2.875 → 2.88, median 2.75,
        // p25 = 2 + 0.75·0.5 = 2.375 → 2.38, p75 = 3 + 0.25·1 = 3.25; players (1+2+1+3+1)/5, (4+4+2+6+1)/5; solo 3 of 5.
        AssertPoint(point, 5, 7.13, 2.88, 2.75, 2.38, 3.25, 1.6, 3.4, 60.0, 64.0);
    }

    [Fact]
    public async Task TrendFiltersComposeAsTheGameListsFilters()
    {
        using var trend = await _http.GetJsonAsync($"/v1/statistics/trends/publications?{Fifties}&mechanics=deck-building&type=base_game&players=3");

        // Base games with deck-building that play 3: alpha and bravo (echo is an expansion, golf archived).
        var point = Assert.Single(trend.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal((1951, 2), (point.GetProperty("period").GetInt32(), point.GetProperty("game_count").GetInt32()));
        using var list = await _http.GetJsonAsync($"/v1/games?year_min=1951&year_max=1951&mechanics=deck-building&type=base_game&players=3");
        Assert.Equal(2, list.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(list.RootElement.GetProperty("meta").GetProperty("filter_summary").GetProperty("filters_applied").GetProperty("mechanics").GetString(),
            trend.RootElement.GetProperty("meta").GetProperty("filter_summary").GetProperty("filters_applied").GetProperty("mechanics").GetString());
    }

    [Fact]
    public async Task GamesWithoutAYearBelongToNoPeriodAndAreCounted()
    {
        using var body = await _http.GetJsonAsync("/v1/statistics/trends/publications?mechanics=melding");

        Assert.Empty(body.RootElement.GetProperty("data").EnumerateArray());
        var meta = body.RootElement.GetProperty("meta");
        Assert.Equal(1, meta.GetProperty("games_without_year").GetInt32());
        Assert.Equal(1, meta.GetProperty("filter_summary").GetProperty("total_matching").GetInt32());
    }

    [Fact]
    public async Task WeightTrendsScopeToPublishedGamesTheTopHundredOrEverything()
    {
        using var published = await _http.GetJsonAsync($"/v1/statistics/trends/weight?{Fifties}");
        using var top = await _http.GetJsonAsync($"/v1/statistics/trends/weight?{Fifties}&scope=top100");
        using var all = await _http.GetJsonAsync($"/v1/statistics/trends/weight?{Fifties}&scope=all");

        Assert.Equal([(1951, 3, 3.0), (1952, 1, (double?)null), (1959, 1, 2.5)], published.RootElement.GetProperty("data").EnumerateArray()
            .Select(p => (p.GetProperty("period").GetInt32(), p.GetProperty("game_count").GetInt32(), Number(p, "avg_weight"))));
        Assert.Equal("published", published.RootElement.GetProperty("meta").GetProperty("scope").GetString());
        // Ranked 1 and 2: alpha (2.0) and bravo (3.0).
        var point = Assert.Single(top.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal((1951, 2), (point.GetProperty("period").GetInt32(), point.GetProperty("game_count").GetInt32()));
        Assert.Equal((2.5, 2.5, 2.25, 2.75), (Number(point, "avg_weight"), Number(point, "median_weight"), Number(point, "weight_p25"), Number(point, "weight_p75")));
        // Every matching game in one point, dated by the latest year among them.
        var everything = Assert.Single(all.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal((1959, 5, 2.88), (everything.GetProperty("period").GetInt32(), everything.GetProperty("game_count").GetInt32(), Number(everything, "avg_weight")));
        Assert.Equal(["period", "game_count", "avg_weight", "median_weight", "weight_p25", "weight_p75"], point.EnumerateObject().Select(p => p.Name));
        Assert.All(published.RootElement.GetProperty("data").EnumerateArray(),
            p => Assert.Empty(SpecSchema.ValidateSchema("TrendDataPoint.yaml", "TrendDataPoint", p.GetRawText())));
    }

    [Fact]
    public async Task PlayerCountTrendsGiveTheShareOfGamesSupportingEachCount()
    {
        using var body = await _http.GetJsonAsync($"/v1/statistics/trends/player-count?{Fifties}");

        var first = body.RootElement.GetProperty("data")[0];
        Assert.Equal((1951, 3), (first.GetProperty("period").GetInt32(), first.GetProperty("game_count").GetInt32()));
        Assert.Equal((1.33, 3.33, 66.7), (Number(first, "avg_min_players"), Number(first, "avg_max_players"), Number(first, "solo_support_pct")));
        // alpha 1-4, bravo 2-4, charlie 1-2.
        Assert.Equal([("1", 66.7), ("2", 100.0), ("3", 66.7), ("4", 66.7), ("5", 0.0), ("6", 0.0), ("7", 0.0), ("8", 0.0), ("9+", 0.0)],
            first.GetProperty("supported_pct").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
        Assert.Empty(SpecSchema.ValidateSchema("TrendDataPoint.yaml", "TrendDataPoint", first.GetRawText()));
    }

    [Fact]
    public async Task MechanicTrendsFollowTheMostUsedMechanicsThroughEveryPeriod()
    {
        using var body = await _http.GetJsonAsync($"/v1/statistics/trends/mechanics?{Fifties}&limit=2");

        // Over the decade: deck-building 3 (alpha, bravo, echo), hand-management 1, worker-placement 1 (the tie goes by slug).
        var points = body.RootElement.GetProperty("data").EnumerateArray()
            .Select(p => (p.GetProperty("period").GetInt32(), p.GetProperty("mechanic").GetString(), p.GetProperty("game_count").GetInt32(), Number(p, "pct_of_period")))
            .ToList();
        Assert.Equal([
            (1951, "deck-building", 2, 66.7), (1951, "hand-management", 1, 33.3),
            (1952, "deck-building", 0, 0.0), (1952, "hand-management", 0, 0.0),
            (1959, "deck-building", 1, 100.0), (1959, "hand-management", 0, 0.0)], points);
        var meta = body.RootElement.GetProperty("meta");
        Assert.Equal(["deck-building", "hand-management"], meta.GetProperty("mechanics").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(2, meta.GetProperty("limit").GetInt32());
        Assert.All(body.RootElement.GetProperty("data").EnumerateArray(),
            p => Assert.Empty(SpecSchema.ValidateSchema("TrendDataPoint.yaml", "MechanicTrendDataPoint", p.GetRawText())));
    }

    [Fact]
    public async Task MechanicTrendsOfAParentFollowItsChildren()
    {
        using var body = await _http.GetJsonAsync($"/v1/statistics/trends/mechanics?{Fifties}&parent=hand-management");

        // deck-building descends from hand-management; hand-management itself and worker-placement do not.
        Assert.Equal(["deck-building"], body.RootElement.GetProperty("meta").GetProperty("mechanics").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("hand-management", body.RootElement.GetProperty("meta").GetProperty("parent").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("publications")]
    [InlineData("weight")]
    [InlineData("player-count")]
    [InlineData("mechanics")]
    public async Task TrendsListEveryBadFilterInOneProblem(string trend)
    {
        using var problem = await StatisticsProblems.GetAsync(_http,
            $"/v1/statistics/trends/{trend}?group_by=month&players_min=x&weight_min=9&year_min=2000&year_max=1990&effective=yes", HttpStatusCode.BadRequest);

        Assert.Equal([("effective", "invalid_type"), ("group_by", "invalid_enum"), ("players_min", "invalid_type"), ("weight_min", "out_of_range"), ("year_min", "invalid_range")],
            GameStatisticsTests.Errors(problem));
    }

    [Fact]
    public async Task TrendsOwnParametersAreValidatedWithTheFilters()
    {
        using var weight = await StatisticsProblems.GetAsync(_http, "/v1/statistics/trends/weight?scope=top10&type=board", HttpStatusCode.BadRequest);
        using var mechanics = await StatisticsProblems.GetAsync(_http, "/v1/statistics/trends/mechanics?limit=0&parent=Hand_Management", HttpStatusCode.BadRequest);
        using var big = await StatisticsProblems.GetAsync(_http, "/v1/statistics/trends/mechanics?limit=101", HttpStatusCode.BadRequest);

        Assert.Equal([("scope", "invalid_enum"), ("type", "invalid_enum")], GameStatisticsTests.Errors(weight));
        Assert.Equal([("limit", "out_of_range"), ("parent", "invalid_format")], GameStatisticsTests.Errors(mechanics));
        Assert.Equal([("limit", "out_of_range")], GameStatisticsTests.Errors(big));
    }

    [Fact]
    public async Task UnknownNamesAreUnprocessable()
    {
        using var filters = await StatisticsProblems.GetAsync(_http, "/v1/statistics/trends/publications?mechanics=no-such-mechanic&theme_not=nothing", HttpStatusCode.UnprocessableEntity);
        using var parent = await StatisticsProblems.GetAsync(_http, "/v1/statistics/trends/mechanics?parent=no-such-mechanic&designer=nobody", HttpStatusCode.UnprocessableEntity);

        Assert.Equal([("mechanics", "unknown_slug"), ("theme_not", "unknown_slug")], GameStatisticsTests.Errors(filters));
        Assert.Equal([("designer", "unknown_slug"), ("parent", "unknown_slug")], GameStatisticsTests.Errors(parent));
    }

    [Fact]
    public void TrendsTakeEveryFilterOfTheGameList()
    {
        static IEnumerable<string> Names(Type type) => type.GetConstructors().Single().GetParameters()
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()!.Name!);
        string[] paging = ["sort", "order", "cursor", "limit", "include"];

        Assert.Equal(Names(typeof(GameListParameters)).Except(paging).Order(), Names(typeof(TrendFilterParameters)).Order());
    }

    private static void AssertPoint(JsonElement point, int count, double? rating, double? weight, double? median, double? p25, double? p75,
        double? minPlayers, double? maxPlayers, double? solo, double? playtime)
    {
        Assert.Equal(count, point.GetProperty("game_count").GetInt32());
        Assert.Equal(
            (rating, weight, median, p25, p75, minPlayers, maxPlayers, solo, playtime),
            (Number(point, "avg_rating"), Number(point, "avg_weight"), Number(point, "median_weight"), Number(point, "weight_p25"),
             Number(point, "weight_p75"), Number(point, "avg_min_players"), Number(point, "avg_max_players"), Number(point, "solo_support_pct"),
             Number(point, "avg_playtime_minutes")));
    }

    private static double? Number(JsonElement point, string field) =>
        point.GetProperty(field).ValueKind == JsonValueKind.Null ? null : point.GetProperty(field).GetDouble();
}
