using System.Net;
using System.Text.Json;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>GET /v1/games/{id}/expansions on the sample data.</summary>
public sealed class GameExpansionsTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task ListsExpansionsPromosAndTheLinkedStandaloneEachLinkingItsParent()
    {
        using var page = await GetValidAsync("/v1/games/spirit-island/expansions");

        var items = page.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(
            ["spirit-island-horizons", "spirit-island-branch-and-claw", "spirit-island-jagged-earth",
             "spirit-island-nature-incarnate", "spirit-island-promo-pack-1", "spirit-island-promo-pack-2"],
            items.Select(i => i.GetProperty("slug").GetString()));
        Assert.All(items, item =>
        {
            var parent = item.GetProperty("_links").GetProperty("parent");
            Assert.Equal("/v1/games/spirit-island", parent.GetProperty("href").GetString());
            Assert.Equal("Spirit Island", parent.GetProperty("title").GetString());
        });
        Assert.Equal(6, page.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("promo", new[] { "spirit-island-promo-pack-1", "spirit-island-promo-pack-2" })]
    [InlineData("standalone_expansion", new[] { "spirit-island-horizons" })]
    [InlineData("expansion", new[] { "spirit-island-branch-and-claw", "spirit-island-jagged-earth", "spirit-island-nature-incarnate" })]
    public async Task TypeFilterNarrowsToOneKind(string type, string[] expected)
    {
        using var page = await GetValidAsync($"/v1/games/spirit-island/expansions?type={type}");

        Assert.Equal(expected, page.RootElement.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task TheGamesPromoAndStandaloneLinksLeadToTheirLists()
    {
        using var game = await Http.GetJsonAsync("/v1/games/spirit-island");
        var links = game.RootElement.GetProperty("_links");

        using var promos = await GetValidAsync(links.GetProperty("promos").GetProperty("href").GetString()!);
        using var standalone = await GetValidAsync(links.GetProperty("standalone_expansions").GetProperty("href").GetString()!);
        Assert.Equal(2, promos.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(1, standalone.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SortsAndPagesLikeTheGameList()
    {
        using var first = await GetValidAsync("/v1/games/spirit-island/expansions?type=expansion&sort=weight&order=desc&limit=2");
        using var second = await GetValidAsync(first.RootElement.GetProperty("_links").GetProperty("next").GetProperty("href").GetString()!);

        Assert.Equal(["spirit-island-nature-incarnate", "spirit-island-jagged-earth"], first.RootElement.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
        Assert.Equal(["spirit-island-branch-and-claw"], second.RootElement.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
        Assert.Contains("type=expansion", second.RootElement.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task AGameWithoutExpansionsHasAnEmptyPage()
    {
        using var page = await GetValidAsync("/v1/games/terraforming-mars/expansions");

        Assert.Empty(page.RootElement.GetProperty("data").EnumerateArray());
        Assert.False(page.RootElement.GetProperty("meta").GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("/v1/games/no-such-game/expansions", HttpStatusCode.NotFound)]
    [InlineData("/v1/games/spirit-island/expansions?type=accessory", HttpStatusCode.BadRequest)]
    [InlineData("/v1/games/spirit-island/expansions?limit=0", HttpStatusCode.BadRequest)]
    public async Task ErrorsAreProblems(string href, HttpStatusCode status)
    {
        using var response = await Http.GetAsync(href, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ACursorOfOneGamesExpansionsIsRefusedForAnother()
    {
        using var first = await GetValidAsync("/v1/games/spirit-island/expansions?limit=1");
        var cursor = first.RootElement.GetProperty("meta").GetProperty("next_cursor").GetString();

        using var response = await Http.GetAsync($"/v1/games/terraforming-mars/expansions?limit=1&cursor={cursor}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonDocument> GetValidAsync(string href)
    {
        var page = await Http.GetJsonAsync(href);
        SpecSchema.AssertValid("/games/{id}/expansions", "get", 200, page.RootElement.GetRawText());
        return page;
    }
}
