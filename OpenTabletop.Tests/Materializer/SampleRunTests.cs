using System.Globalization;
using System.Text.Json;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace OpenTabletop.Tests.Materializer;

/// <summary>The sample seed's raw votes reproduce the spec's published aggregates through a run.</summary>
public sealed class SampleRunTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("spirit-island")]
    [InlineData("terraforming-mars")]
    public async Task ARunOverTheSampleReproducesThePublishedDistributionCountAndWeight(string slug)
    {
        var published = (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", slug, "game.yaml");
        var distribution = ((YamlSequenceNode)published["rating_distribution"]).Select(n => int.Parse(((YamlScalarNode)n).Value!, CultureInfo.InvariantCulture)).ToArray();
        string Scalar(string key) => ((YamlScalarNode)published[key]).Value!;
        await using var db = await MaterializerDatabase.SampleAsync(postgres, Ct);
        var before = await GameAsync(db, slug);

        await db.RunAsync(Ct);

        var after = await GameAsync(db, slug);
        Assert.Equal(distribution, after.GetProperty("rating_distribution").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(int.Parse(Scalar("rating_count"), CultureInfo.InvariantCulture), after.GetProperty("rating_count").GetInt32());
        Assert.Equal(distribution.Sum(), after.GetProperty("rating_count").GetInt32());
        // The average becomes the distribution's mean (the samples' own average disagrees with it, SPEC-NOTES 4.2).
        var mean = Math.Round((decimal)distribution.Select((count, i) => count * (i + 1)).Sum() / distribution.Sum(), 3, MidpointRounding.AwayFromZero);
        Assert.Equal(mean, after.GetProperty("average_rating").GetDecimal());
        Assert.Equal(decimal.Parse(Scalar("weight"), CultureInfo.InvariantCulture), after.GetProperty("weight").GetDecimal());
        Assert.Equal(int.Parse(Scalar("weight_votes"), CultureInfo.InvariantCulture), after.GetProperty("weight_votes").GetInt32());
        // No play logs or collections in the sample: the imported figures stay.
        foreach (var kept in new[] { "total_plays", "owner_count", "community_playtime_median_minutes", "top_player_counts", "recommended_player_counts" })
        {
            Assert.Equal(before.GetProperty(kept).GetRawText(), after.GetProperty(kept).GetRawText());
        }
        Assert.InRange(after.GetProperty("rating_confidence").GetDecimal(), 0.5m, 1m);
        Assert.Equal(JsonValueKind.Number, after.GetProperty("rank_overall").ValueKind);
    }

    [Fact]
    public async Task TheSampleExpansionsWithoutRawVotesKeepTheirPublishedRatingsAndExperienceData()
    {
        await using var db = await MaterializerDatabase.SampleAsync(postgres, Ct);
        var before = await db.ListAsync<string>(
            "SELECT concat_ws('|', slug, average_rating, rating_count, weight) FROM games WHERE type <> 'base_game' ORDER BY slug", Ct);
        var experience = await db.ListAsync<string>("SELECT e::text FROM experience_playtime e ORDER BY 1", Ct);

        await db.RunAsync(Ct);

        Assert.Equal(before, await db.ListAsync<string>(
            "SELECT concat_ws('|', slug, average_rating, rating_count, weight) FROM games WHERE type <> 'base_game' ORDER BY slug", Ct));
        Assert.Equal(experience, await db.ListAsync<string>("SELECT e::text FROM experience_playtime e ORDER BY 1", Ct));
        Assert.Equal(["spirit-island", "terraforming-mars"], await db.ListAsync<string>(
            "SELECT slug::text FROM games WHERE rank_overall IS NOT NULL ORDER BY rank_overall", Ct));
    }

    private static async Task<JsonElement> GameAsync(MaterializerDatabase db, string slug) =>
        JsonDocument.Parse(await db.ScalarAsync<string>("SELECT to_jsonb(g)::text FROM games g WHERE slug = $1", Ct, slug)).RootElement.Clone();
}
