using System.Net;
using System.Text;
using System.Text.Json;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>POST /v1/games/search on the sample data: the GET filters in a nested body.</summary>
public sealed class GameSearchTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    // The spec's example excludes "roll-and-move", a slug our vocabulary does not have (it would be a 422); roll-and-write stands in.
    [Fact]
    public async Task TheSpecExampleBodyAnswersPlayableGamesByRatingDescending()
    {
        var (status, body) = await PostAsync("""
            {"filters": {"players": {"best_at": 2}, "weight": {"min": 2.5, "max": 4.0},
                         "mechanics": {"all": ["hand-management", "variable-player-powers"], "not": ["roll-and-write"]},
                         "year": {"min": 2015}},
             "include": ["mechanics", "designers"]}
            """);

        Assert.Equal(200, status);
        SpecSchema.AssertValid("/games/search", "post", 200, body);
        using var page = JsonDocument.Parse(body);
        Assert.Equal(["spirit-island", "terraforming-mars"], Slugs(page));
        var first = page.RootElement.GetProperty("data")[0];
        Assert.Equal("r-eric-reuss", first.GetProperty("designers")[0].GetProperty("slug").GetString());
        Assert.True(first.GetProperty("mechanics").GetArrayLength() > 0);
        var summary = page.RootElement.GetProperty("meta").GetProperty("filter_summary");
        Assert.Equal("Published 2015 or later", summary.GetProperty("filters_applied").GetProperty("year").GetString());
        Assert.Equal("/v1/games/search", page.RootElement.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task SearchDefaultsToBaseGamesAndStandaloneExpansionsUnlessTypesAreNamed()
    {
        using var defaults = await PostPageAsync("{}");
        using var named = await PostPageAsync("""{"filters": {"type": "promo"}, "sort": "name", "order": "asc"}""");
        using var all = await PostPageAsync("""{"filters": {"type": []}}""");

        Assert.Equal(["spirit-island", "terraforming-mars", "spirit-island-horizons"], Slugs(defaults));
        Assert.Equal(["spirit-island-promo-pack-1", "spirit-island-promo-pack-2"], Slugs(named));
        Assert.Equal(8, Slugs(all).Count);
    }

    [Fact]
    public async Task GetAndPostAgreeOnTheSameFilters()
    {
        using var get = await Http.GetJsonAsync(
            "/v1/games?players=4&playtime_max=120&weight_min=2.5&weight_max=4.5&mode=cooperative&theme_not=space&sort=rating&order=desc");
        using var post = await PostPageAsync("""
            {"filters": {"players": {"exact": 4, "min": 9}, "playtime": {"max": 120}, "weight": {"min": 2.5, "max": 4.5},
                         "mode": "cooperative", "theme": {"not": ["space"]}, "type": []}}
            """);

        Assert.Equal(Slugs(get), Slugs(post));
        Assert.Equal(["spirit-island", "spirit-island-branch-and-claw"], Slugs(post));
    }

    [Fact]
    public async Task TheCursorTravelsInTheBodyAndIsBoundToTheFilters()
    {
        using var first = await PostPageAsync("""{"filters": {"type": []}, "limit": 3}""");
        var cursor = first.RootElement.GetProperty("meta").GetProperty("next_cursor").GetString();
        var next = first.RootElement.GetProperty("_links").GetProperty("next");
        Assert.Equal("/v1/games/search", next.GetProperty("href").GetString());
        Assert.Contains("POST", next.GetProperty("title").GetString());

        using var second = await PostPageAsync($$"""{"filters": {"type": []}, "limit": 3, "cursor": "{{cursor}}"}""");
        var (status, body) = await PostAsync($$"""{"filters": {"type": ["promo"]}, "limit": 3, "cursor": "{{cursor}}"}""");

        Assert.Empty(Slugs(first).Intersect(Slugs(second)));
        Assert.Equal(400, status);
        Assert.Contains("invalid_cursor", body);
    }

    [Fact]
    public async Task BadValuesAreListedByTheirDottedPath()
    {
        var (status, body) = await PostAsync("""
            {"filters": {"players": {"min": 5, "max": 2}, "weight": {"min": 7}, "type": ["board"],
                         "mechanics": {"any": ["Not A Slug"]}, "playtime": {"experience": "veteran"}},
             "sort": "popularity", "limit": 500, "unknown_field": true}
            """);

        Assert.Equal(400, status);
        SpecSchema.AssertValid("/games/search", "post", 400, body);
        Assert.Equal(
            ["filters.mechanics.any", "filters.players.min", "filters.playtime.experience", "filters.type", "filters.weight.min", "limit", "sort"],
            Fields(body));
    }

    [Fact]
    public async Task UnknownSlugsAreUnprocessableByTheirDottedPath()
    {
        var (status, body) = await PostAsync("""{"filters": {"mechanics": {"all": ["cooperative", "no-such-mechanic"]}, "designer": "nobody"}}""");

        Assert.Equal(422, status);
        SpecSchema.AssertValid("/games/search", "post", 422, body);
        Assert.Equal(["filters.designer", "filters.mechanics.all"], Fields(body));
        Assert.Contains("no-such-mechanic", body);
    }

    [Theory]
    [InlineData("""{"filters": {"players": {"min": "two"}}}""")]
    [InlineData("""{"filters": {"players": """)]
    public async Task MalformedJsonIsAValidationProblem(string json)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(400, status);
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
    }

    [Fact]
    public async Task AnEditionOtherThanTheCanonicalIsRefusedOpenly()
    {
        var (status, body) = await PostAsync("""{"filters": {"effective": true, "edition": "spirit-island-revised", "players": {"exact": 6}}}""");

        Assert.Equal(501, status);
        Assert.Contains("not-implemented", body);
        Assert.Contains("filters.edition", body);
    }

    private async Task<(int Status, string Body)> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/v1/games/search", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if ((int)response.StatusCode >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, body);
    }

    private async Task<JsonDocument> PostPageAsync(string json)
    {
        var (status, body) = await PostAsync(json);
        Assert.True(status == 200, body);
        SpecSchema.AssertValid("/games/search", "post", 200, body);
        return JsonDocument.Parse(body);
    }

    private static List<string> Slugs(JsonDocument page) =>
        [.. page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!)];

    private static List<string> Fields(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return [.. document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).Distinct().Order()];
    }
}
