using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class PeopleApiTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task DesignersAreThePeopleWithADesignerCreditCountingActiveGames()
    {
        using var page = await GetJsonAsync("/v1/designers");

        var designers = page.RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(d => d.GetProperty("slug").GetString()!, d => d.GetProperty("game_count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["jacob-fryxelius"] = 1, ["r-eric-reuss"] = 7 }, designers);
        Assert.Equal(2, page.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.False(page.RootElement.GetProperty("meta").GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task DesignerReadsTheSameBySlugAndByIdWithLinksToTheirGames()
    {
        using var bySlug = await GetJsonAsync("/v1/designers/r-eric-reuss");
        var id = bySlug.RootElement.GetProperty("id").GetString();
        using var byId = await GetJsonAsync($"/v1/designers/{id}");

        Assert.Equal(bySlug.RootElement.GetRawText(), byId.RootElement.GetRawText());
        Assert.Equal("R. Eric Reuss", bySlug.RootElement.GetProperty("name").GetString());
        Assert.Equal("/v1/designers/r-eric-reuss", bySlug.RootElement.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
        Assert.Equal("/v1/games?designer=r-eric-reuss", bySlug.RootElement.GetProperty("_links").GetProperty("games").GetProperty("href").GetString());
    }

    [Fact]
    public async Task PublishersCarryCountryAndWebsiteAndPageOneAtATime()
    {
        using var first = await GetJsonAsync("/v1/publishers?limit=1&sort=slug");
        var next = first.RootElement.GetProperty("_links").GetProperty("next").GetProperty("href").GetString()!;
        using var second = await GetJsonAsync(next);
        var prev = second.RootElement.GetProperty("_links").GetProperty("prev").GetProperty("href").GetString()!;
        using var back = await GetJsonAsync(prev);

        var fryx = first.RootElement.GetProperty("data")[0];
        Assert.Equal("fryxgames", fryx.GetProperty("slug").GetString());
        Assert.Equal("SE", fryx.GetProperty("country").GetString());
        Assert.Equal("greater-than-games", second.RootElement.GetProperty("data")[0].GetProperty("slug").GetString());
        Assert.Equal("US", second.RootElement.GetProperty("data")[0].GetProperty("country").GetString());
        Assert.False(second.RootElement.GetProperty("meta").GetProperty("has_more").GetBoolean());
        Assert.Equal(fryx.GetRawText(), back.RootElement.GetProperty("data")[0].GetRawText());
        Assert.Equal(JsonValueKind.Null, back.RootElement.GetProperty("_links").GetProperty("prev").ValueKind);
    }

    [Theory]
    [InlineData("/v1/designers/jason-behnke")]
    [InlineData("/v1/designers/00000000-0000-7000-8000-000000000000")]
    [InlineData("/v1/publishers/no-such-publisher")]
    public async Task UnknownOrNonDesignerIsANotFoundProblem(string href)
    {
        using var response = await Http.GetAsync(href, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<JsonDocument> GetJsonAsync(string href) => Http.GetJsonAsync(href);
}
