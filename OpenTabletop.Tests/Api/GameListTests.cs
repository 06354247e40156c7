using System.Net;
using System.Text.Json;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>GET /v1/games on the sample data: sorts, the simple filters and their problems.</summary>
public sealed class GameListTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task DefaultIsEveryActiveGameByNameAscending()
    {
        var slugs = await SlugsAsync("/v1/games");

        // By sort_name: "Horizons of Spirit Island" comes first.
        Assert.Equal(
            ["spirit-island-horizons", "spirit-island", "spirit-island-branch-and-claw", "spirit-island-jagged-earth",
             "spirit-island-nature-incarnate", "spirit-island-promo-pack-1", "spirit-island-promo-pack-2", "terraforming-mars"],
            slugs);
    }

    [Fact]
    public async Task RatingSortPutsUnratedGamesLastInEitherOrder()
    {
        var desc = await SlugsAsync("/v1/games?sort=rating&order=desc");
        var asc = await SlugsAsync("/v1/games?sort=rating&order=asc");

        Assert.Equal(["spirit-island", "terraforming-mars"], desc.Take(2));
        Assert.Equal(["terraforming-mars", "spirit-island"], asc.Take(2));
        Assert.Equal(desc.Skip(2).Order(), asc.Skip(2).Order());
    }

    [Theory]
    [InlineData("weight", "asc", new[] { "spirit-island-horizons", "terraforming-mars", "spirit-island", "spirit-island-branch-and-claw", "spirit-island-jagged-earth", "spirit-island-nature-incarnate" })]
    [InlineData("weight", "desc", new[] { "spirit-island-nature-incarnate", "spirit-island-jagged-earth", "spirit-island-branch-and-claw", "spirit-island", "terraforming-mars", "spirit-island-horizons" })]
    [InlineData("year_published", "desc", new[] { "spirit-island-nature-incarnate", "spirit-island-horizons" })]
    [InlineData("community_playtime_median", "asc", new[] { "spirit-island-horizons", "spirit-island", "spirit-island-branch-and-claw", "spirit-island-jagged-earth", "spirit-island-nature-incarnate", "terraforming-mars" })]
    public async Task EachSortKeyOrdersByItsValueWithNullsLast(string sort, string order, string[] expectedFirst)
    {
        var slugs = await SlugsAsync($"/v1/games?sort={sort}&order={order}");

        Assert.Equal(8, slugs.Count);
        Assert.Equal(expectedFirst, slugs.Take(expectedFirst.Length));
        if (sort != "year_published")
        {
            // The promo packs have no weight and no community playtime: last, whichever the order.
            Assert.Equal(["spirit-island-promo-pack-1", "spirit-island-promo-pack-2"], slugs.Skip(6).Order());
        }
    }

    [Theory]
    [InlineData("type=promo", new[] { "spirit-island-promo-pack-1", "spirit-island-promo-pack-2" })]
    [InlineData("type=base_game,standalone_expansion", new[] { "spirit-island-horizons", "spirit-island", "terraforming-mars" })]
    [InlineData("mode=competitive", new[] { "terraforming-mars" })]
    [InlineData("players=5", new[] { "spirit-island-jagged-earth", "spirit-island-nature-incarnate", "terraforming-mars" })]
    [InlineData("players_min=1&players_max=6", new[] { "spirit-island-jagged-earth", "spirit-island-nature-incarnate" })]
    [InlineData("players_max=4&type=base_game", new[] { "spirit-island", "terraforming-mars" })]
    [InlineData("weight_min=3.0&weight_max=4.0", new[] { "spirit-island", "terraforming-mars" })]
    [InlineData("year_min=2020&year_max=2022", new[] { "spirit-island-horizons", "spirit-island-jagged-earth", "spirit-island-promo-pack-2" })]
    [InlineData("designer=jacob-fryxelius", new[] { "terraforming-mars" })]
    [InlineData("publisher=greater-than-games&type=expansion", new[] { "spirit-island-branch-and-claw", "spirit-island-jagged-earth", "spirit-island-nature-incarnate" })]
    [InlineData("category=engine-builder", new[] { "terraforming-mars" })]
    [InlineData("family=spirit-island&mode=competitive", new string[0])]
    public async Task SimpleFiltersCombineWithAnd(string query, string[] expected)
    {
        using var page = await GetValidAsync($"/v1/games?{query}");

        Assert.Equal(expected, Slugs(page));
        Assert.Equal(expected.Length, page.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal($"/v1/games?{query}", page.RootElement.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task FamilyFilterMatchesTheWholeFamily()
    {
        Assert.Equal(7, (await SlugsAsync("/v1/games?family=spirit-island")).Count);
    }

    [Fact]
    public async Task PagesCarryEveryFilterInTheirLinksAndWalkBothWays()
    {
        using var first = await GetValidAsync("/v1/games?publisher=greater-than-games&limit=3&sort=weight&order=desc");
        var next = first.RootElement.GetProperty("_links").GetProperty("next").GetProperty("href").GetString()!;
        Assert.Contains("publisher=greater-than-games", next);
        Assert.Contains("sort=weight", next);
        using var second = await GetValidAsync(next);
        using var third = await GetValidAsync(second.RootElement.GetProperty("_links").GetProperty("next").GetProperty("href").GetString()!);
        using var back = await GetValidAsync(third.RootElement.GetProperty("_links").GetProperty("prev").GetProperty("href").GetString()!);

        Assert.Equal(7, Slugs(first).Concat(Slugs(second)).Concat(Slugs(third)).Distinct().Count());
        Assert.False(third.RootElement.GetProperty("meta").GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, third.RootElement.GetProperty("meta").GetProperty("next_cursor").ValueKind);
        Assert.Equal(Slugs(second), Slugs(back));
    }

    [Fact]
    public async Task EveryBadParameterIsListedInOneProblem()
    {
        var errors = await ProblemAsync("/v1/games?players_min=5&players_max=2&weight_min=abc&weight_max=7&type=board&mode=pvp&players=0&year_min=2020&year_max=2010&designer=Not%20A%20Slug&sort=popularity&limit=101",
            HttpStatusCode.BadRequest);

        Assert.Contains(("players_min", "invalid_range"), errors);
        Assert.Contains(("year_min", "invalid_range"), errors);
        Assert.Contains(("weight_min", "invalid_type"), errors);
        Assert.Contains(("weight_max", "out_of_range"), errors);
        Assert.Contains(("type", "invalid_enum"), errors);
        Assert.Contains(("mode", "invalid_enum"), errors);
        Assert.Contains(("players", "out_of_range"), errors);
        Assert.Contains(("designer", "invalid_format"), errors);
        Assert.Contains(("sort", "invalid_enum"), errors);
        Assert.Contains(("limit", "out_of_range"), errors);
    }

    [Fact]
    public async Task WellFormedButUnknownSlugsAreUnprocessable()
    {
        var errors = await ProblemAsync("/v1/games?designer=nobody&publisher=nobody-inc&category=strategy&family=catan", HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["category", "designer", "family", "publisher"], errors.Select(e => e.Field).Order());
        Assert.All(errors, e => Assert.Equal("unknown_slug", e.Code));
    }

    [Fact]
    public async Task CursorFromAnotherFilterSetOrSortIsRefused()
    {
        using var first = await GetValidAsync("/v1/games?limit=2&type=expansion");
        var cursor = first.RootElement.GetProperty("meta").GetProperty("next_cursor").GetString();

        Assert.Equal([("cursor", "invalid_cursor")], await ProblemAsync($"/v1/games?limit=2&type=promo&cursor={cursor}", HttpStatusCode.BadRequest));
        Assert.Equal([("cursor", "invalid_cursor")], await ProblemAsync($"/v1/games?limit=2&type=expansion&sort=weight&cursor={cursor}", HttpStatusCode.BadRequest));
        Assert.Equal([("cursor", "invalid_cursor")], await ProblemAsync("/v1/games?cursor=bm90LWEtY3Vyc29y", HttpStatusCode.BadRequest));
        // The same filters written differently keep the cursor valid.
        using var second = await GetValidAsync($"/v1/games?type=expansion&limit=2&cursor={cursor}");
        Assert.Single(Slugs(second));
    }

    private async Task<JsonDocument> GetValidAsync(string href)
    {
        var page = await Http.GetJsonAsync(href);
        SpecSchema.AssertValid("/games", "get", 200, page.RootElement.GetRawText());
        return page;
    }

    private async Task<List<string>> SlugsAsync(string href)
    {
        using var page = await GetValidAsync(href);
        return Slugs(page);
    }

    private static List<string> Slugs(JsonDocument page) =>
        [.. page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!)];

    private async Task<List<(string Field, string Code)>> ProblemAsync(string href, HttpStatusCode status)
    {
        using var response = await Http.GetAsync(href, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        SpecSchema.AssertValid("/games", "get", (int)status, body);
        using var problem = JsonDocument.Parse(body);
        return [.. problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!))];
    }
}
