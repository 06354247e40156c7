using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>Every implemented read answers on the sample data with a body that validates against the spec.</summary>
public sealed class SpecConformanceTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Theory]
    [InlineData("/v1/games/spirit-island", "/games/{id}", 200)]
    [InlineData("/v1/games/spirit-island-jagged-earth", "/games/{id}", 200)]
    [InlineData("/v1/games/terraforming-mars", "/games/{id}", 200)]
    [InlineData("/v1/games/no-such-game", "/games/{id}", 404)]
    [InlineData("/v1/games", "/games", 200)]
    [InlineData("/v1/games?sort=rating&order=desc&limit=3", "/games", 200)]
    [InlineData("/v1/games?players_min=5&players_max=2", "/games", 400)]
    [InlineData("/v1/games?mechanics=no-such-mechanic&designer=nobody", "/games", 422)]
    [InlineData("/v1/games/spirit-island/expansions", "/games/{id}/expansions", 200)]
    [InlineData("/v1/games/spirit-island/expansions?type=promo", "/games/{id}/expansions", 200)]
    [InlineData("/v1/games/no-such-game/expansions", "/games/{id}/expansions", 404)]
    [InlineData("/v1/games/spirit-island/effective-properties", "/games/{id}/effective-properties", 200)]
    [InlineData("/v1/games/spirit-island/effective-properties?with=spirit-island-jagged-earth,spirit-island-nature-incarnate", "/games/{id}/effective-properties", 200)]
    [InlineData("/v1/games/spirit-island/effective-properties?with=nonexistent", "/games/{id}/effective-properties", 404)]
    [InlineData("/v1/games/spirit-island/effective-properties?with=terraforming-mars", "/games/{id}/effective-properties", 422)]
    [InlineData("/v1/games/spirit-island/editions?include=deltas", "/games/{id}/editions", 200)]
    [InlineData("/v1/games/no-such-game/editions", "/games/{id}/editions", 404)]
    [InlineData("/v1/games/spirit-island/relationships", "/games/{id}/relationships", 200)]
    [InlineData("/v1/games/no-such-game/relationships", "/games/{id}/relationships", 404)]
    [InlineData("/v1/games/spirit-island/experience-playtime", "/games/{id}/experience-playtime", 200)]
    [InlineData("/v1/games/terraforming-mars/experience-playtime", "/games/{id}/experience-playtime", 200)]
    [InlineData("/v1/games/no-such-game/experience-playtime", "/games/{id}/experience-playtime", 404)]
    [InlineData("/v1/mechanics?limit=100", "/mechanics", 200)]
    [InlineData("/v1/categories?limit=100", "/categories", 200)]
    [InlineData("/v1/designers", "/designers", 200)]
    [InlineData("/v1/designers/r-eric-reuss", "/designers/{id}", 200)]
    [InlineData("/v1/designers/nobody", "/designers/{id}", 404)]
    [InlineData("/v1/publishers", "/publishers", 200)]
    [InlineData("/v1/publishers/greater-than-games", "/publishers/{id}", 200)]
    [InlineData("/v1/publishers/nobody", "/publishers/{id}", 404)]
    [InlineData("/v1/search?q=spirit+island", "/search", 200)]
    [InlineData("/v1/search?q=card&type=mechanic,category&limit=5", "/search", 200)]
    [InlineData("/v1/search?q=s", "/search", 400)]
    public async Task ResponseValidatesAgainstTheSpecOperation(string href, string specPath, int status)
    {
        var (actual, body) = await GetAsync(href);

        Assert.Equal(status, actual);
        if (status < 400)
        {
            SpecSchema.AssertValid(specPath, "get", status, body);
        }
        else
        {
            // Some operations document their errors as application/problem+json only; all share ErrorResponse.
            Assert.Empty(SpecSchema.ValidateSchema("ErrorResponse.yaml", "ErrorResponse", body));
        }
    }

    [Theory]
    [InlineData("/v1/themes?limit=100", "Theme.yaml", "Theme")]
    [InlineData("/v1/games/spirit-island/player-count-ratings", "PlayerCountPoll.yaml", "PlayerCountRating")]
    public async Task ListsOutsideTheSpecCarrySpecItems(string href, string schemaFile, string schemaName)
    {
        var (status, body) = await GetAsync(href);

        Assert.Equal(200, status);
        using var document = JsonDocument.Parse(body);
        var items = document.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Empty(SpecSchema.ValidateSchema(schemaFile, schemaName, item.GetRawText())));
    }

    [Theory]
    [InlineData("/v1/mechanics/hand-management", "Mechanic.yaml", "Mechanic")]
    [InlineData("/v1/categories/euro", "Category.yaml", "Category")]
    [InlineData("/v1/themes/fantasy", "Theme.yaml", "Theme")]
    public async Task TermDetailValidatesAgainstItsComponentSchema(string href, string schemaFile, string schemaName)
    {
        var (status, body) = await GetAsync(href);

        Assert.Equal(200, status);
        Assert.Empty(SpecSchema.ValidateSchema(schemaFile, schemaName, body));
    }

    private async Task<(int Status, string Body)> GetAsync(string href)
    {
        using var response = await Http.GetAsync(href, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
