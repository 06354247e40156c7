using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class GameEditionsTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task EditionsListTheCanonicalOneFirstWithoutDeltasUnlessAsked()
    {
        using var game = await GetJsonAsync("/v1/games/spirit-island");
        using var editions = await GetJsonAsync("/v1/games/spirit-island/editions");

        var list = editions.RootElement.GetProperty("editions").EnumerateArray().ToList();
        Assert.Equal(2, list.Count);
        Assert.True(list[0].GetProperty("is_canonical").GetBoolean());
        Assert.False(list[1].GetProperty("is_canonical").GetBoolean());
        Assert.Equal(game.RootElement.GetProperty("canonical_edition_id").GetString(), editions.RootElement.GetProperty("canonical_edition_id").GetString());
        Assert.Equal(list[0].GetProperty("id").GetString(), editions.RootElement.GetProperty("canonical_edition_id").GetString());
        Assert.NotEmpty(list[0].GetProperty("publisher_ids").EnumerateArray());
        Assert.False(editions.RootElement.TryGetProperty("_embedded", out _));
    }

    [Theory]
    [InlineData("deltas")]
    [InlineData("deltas,unknown-thing")]
    public async Task IncludeDeltasEmbedsTheNonCanonicalEditionsDelta(string include)
    {
        using var editions = await GetJsonAsync($"/v1/games/spirit-island/editions?include={include}");

        var revised = editions.RootElement.GetProperty("editions")[1].GetProperty("id").GetString();
        var delta = Assert.Single(editions.RootElement.GetProperty("_embedded").GetProperty("deltas").EnumerateArray());
        Assert.Equal(revised, delta.GetProperty("edition_id").GetString());
        Assert.Equal(-0.05m, delta.GetProperty("weight_delta").GetDecimal());
        Assert.Equal(-10, delta.GetProperty("playtime_max_delta").GetInt32());
    }

    [Fact]
    public async Task GameWithoutEditionsHasAnEmptyList()
    {
        using var editions = await GetJsonAsync("/v1/games/terraforming-mars/editions");

        Assert.Equal(0, editions.RootElement.GetProperty("editions").GetArrayLength());
        Assert.False(editions.RootElement.TryGetProperty("canonical_edition_id", out _));
    }

    [Fact]
    public async Task UnknownGameIsANotFoundProblem()
    {
        using var response = await Http.GetAsync("/v1/games/no-such-game/editions", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<JsonDocument> GetJsonAsync(string href) => Http.GetJsonAsync(href);
}
