using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class GameSubresourceTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private const string SpiritIslandId = "01912f4c-7e3a-7b1a-8c5d-9f0e1a2b3c4d";

    [Fact]
    public async Task ExperiencePlaytimeMatchesTheSpecSampleWithMultipliers()
    {
        var sample = (Dictionary<object, object>)SpecFiles.ReadYaml("data/samples/spirit-island/experience-playtime.yaml")!;
        using var profile = await GetJsonAsync("/v1/games/spirit-island/experience-playtime");

        var root = profile.RootElement;
        Assert.Equal(SpiritIslandId, root.GetProperty("game_id").GetString());
        Assert.True(root.GetProperty("sufficient_data").GetBoolean());
        var levels = root.GetProperty("levels").EnumerateArray().ToList();
        var expected = ((List<object>)sample["levels"]).Cast<Dictionary<object, object>>().ToList();
        Assert.Equal(expected.Select(l => (string)l["experience_level"]), levels.Select(l => l.GetProperty("experience_level").GetString()));
        foreach (var (want, got) in expected.Zip(levels))
        {
            Assert.Equal(int.Parse((string)want["median_minutes"]), got.GetProperty("median_minutes").GetInt32());
            Assert.Equal(int.Parse((string)want["p10_minutes"]), got.GetProperty("min_minutes").GetInt32());
            Assert.Equal(int.Parse((string)want["p90_minutes"]), got.GetProperty("max_minutes").GetInt32());
            Assert.Equal(int.Parse((string)want["report_count"]), got.GetProperty("total_reports").GetInt32());
        }
        var multipliers = (Dictionary<object, object>)sample["multipliers"];
        foreach (var (level, value) in multipliers)
        {
            Assert.Equal(decimal.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("multipliers").GetProperty((string)level).GetDecimal());
        }
    }

    [Fact]
    public async Task GameWithoutExperienceDataHasNoMultipliers()
    {
        using var profile = await GetJsonAsync("/v1/games/terraforming-mars/experience-playtime");

        Assert.False(profile.RootElement.GetProperty("sufficient_data").GetBoolean());
        Assert.Equal(0, profile.RootElement.GetProperty("levels").GetArrayLength());
        Assert.False(profile.RootElement.TryGetProperty("multipliers", out _));
    }

    [Fact]
    public async Task PlayerCountRatingsDeriveTopAndRecommendedCounts()
    {
        using var ratings = await GetJsonAsync($"/v1/games/{SpiritIslandId}/player-count-ratings");

        var data = ratings.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], data.Select(r => r.GetProperty("player_count").GetInt32()));
        Assert.Equal([4.2m, 4.7m, 4.1m, 3.4m], data.Select(r => r.GetProperty("average_rating").GetDecimal()));
        Assert.Equal([1, 2, 3], ratings.RootElement.GetProperty("top_player_counts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([1, 2, 3, 4], ratings.RootElement.GetProperty("recommended_player_counts").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Theory]
    [InlineData("", 8)]
    [InlineData("?direction=outbound", 7)]
    [InlineData("?direction=inbound", 1)]
    [InlineData("?type=expands", 5)]
    [InlineData("?type=expands&direction=inbound", 0)]
    [InlineData("?type=integrates_with", 2)]
    [InlineData("?type=integrates_with&direction=inbound", 1)]
    public async Task RelationshipFiltersCombineIndependently(string query, int count)
    {
        using var relationships = await GetJsonAsync($"/v1/games/spirit-island/relationships{query}");

        var data = relationships.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(count, data.Count);
        Assert.All(data, r => Assert.True(
            r.GetProperty("source_game_id").GetString() == SpiritIslandId || r.GetProperty("target_game_id").GetString() == SpiritIslandId));
        Assert.Equal($"/v1/games/spirit-island/relationships{query}", relationships.RootElement.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }

    [Fact]
    public async Task ExpandsEdgesRunFromTheBaseGameToTheAddOn()
    {
        using var relationships = await GetJsonAsync("/v1/games/spirit-island/relationships?type=expands");

        Assert.All(relationships.RootElement.GetProperty("data").EnumerateArray(), r =>
        {
            Assert.Equal(SpiritIslandId, r.GetProperty("source_game_id").GetString());
            Assert.Equal("/v1/games/spirit-island", r.GetProperty("_links").GetProperty("source").GetProperty("href").GetString());
            Assert.StartsWith("/v1/games/spirit-island-", r.GetProperty("_links").GetProperty("target").GetProperty("href").GetString());
        });
    }

    [Fact]
    public async Task BadRelationshipFiltersAreListedInOneProblem()
    {
        using var response = await Http.GetAsync("/v1/games/spirit-island/relationships?type=sequel&direction=up", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["direction", "type"], problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
    }

    [Theory]
    [InlineData("experience-playtime")]
    [InlineData("player-count-ratings")]
    [InlineData("relationships")]
    public async Task UnknownGameIsANotFoundProblemOnEverySubresource(string resource)
    {
        using var response = await Http.GetAsync($"/v1/games/no-such-game/{resource}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<JsonDocument> GetJsonAsync(string href) => Http.GetJsonAsync(href);
}
