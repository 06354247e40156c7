using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The spec's effective-mode examples on the sample data: Spirit Island (1–4 players, weight 3.86)
/// with Branch &amp; Claw (+0.16), Jagged Earth (+2 players, +0.21), Nature Incarnate (+2 players,
/// +0.26), two promo packs, and curated combinations for B&amp;C+JE (1–6 players, 105–180 minutes,
/// 4.07) and B&amp;C+JE+NI (4.35).
/// </summary>
public sealed class EffectiveModeTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private const string Si = "spirit-island", Bc = "spirit-island-branch-and-claw", Je = "spirit-island-jagged-earth",
        Ni = "spirit-island-nature-incarnate";

    [Fact]
    public async Task SixPlayersAtAroundFourWeightIsMetByJaggedEarth()
    {
        // Spec example 4: neither condition holds for the base game; Jagged Earth meets both at once.
        using var plain = await GetValidAsync("/v1/games?players=6&weight_min=4.0&weight_max=4.1");
        using var effective = await GetValidAsync("/v1/games?effective=true&players=6&weight_min=4.0&weight_max=4.1");

        Assert.DoesNotContain(Si, Slugs(plain));
        var game = Assert.Single(effective.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(Si, game.GetProperty("slug").GetString());
        // The game itself is unchanged; the variant says why it matched.
        Assert.Equal(4, game.GetProperty("max_players").GetInt32());
        var via = game.GetProperty("matched_via");
        Assert.Equal("delta_sum", via.GetProperty("type").GetString());
        Assert.Equal(2, via.GetProperty("resolution_tier").GetInt32());
        Assert.Equal(JsonValueKind.Null, via.GetProperty("combination_id").ValueKind);
        Assert.False(via.GetProperty("integration").GetBoolean());
        Assert.Equal([Je], ExpansionSlugs(via));
        Assert.Equal("Spirit Island: Jagged Earth", via.GetProperty("expansions")[0].GetProperty("name").GetString());
        var properties = via.GetProperty("effective_properties");
        Assert.Equal(6, properties.GetProperty("max_players").GetInt32());
        Assert.Equal(4.07m, properties.GetProperty("weight").GetDecimal());
        Assert.Equal(150, properties.GetProperty("max_playtime").GetInt32());
        Assert.Equal([1, 2, 3], properties.GetProperty("top_at").EnumerateArray().Select(e => e.GetInt32()));

        var meta = effective.RootElement.GetProperty("meta");
        Assert.True(meta.GetProperty("effective").GetBoolean());
        Assert.False(meta.GetProperty("include_integrations").GetBoolean());
        Assert.Contains("expansions", meta.GetProperty("filter_summary").GetProperty("filters_applied").GetProperty("effective").GetString());
    }

    [Fact]
    public async Task EveryEffectiveFilterMustHoldOnTheSameVariant()
    {
        // Six players needs Jagged Earth or Nature Incarnate (4.07 and up); weight at most 4.05 allows only
        // the base game or Branch & Claw (four players). Each alone is met by some variant, both by none.
        using var players = await GetValidAsync("/v1/games?effective=true&players=6");
        using var weight = await GetValidAsync("/v1/games?effective=true&weight_max=4.05&weight_min=4.0");
        using var both = await GetValidAsync("/v1/games?effective=true&players=6&weight_max=4.05");

        Assert.Contains(Si, Slugs(players));
        Assert.Contains(Si, Slugs(weight));
        Assert.DoesNotContain(Si, Slugs(both));
    }

    [Fact]
    public async Task AnExplicitCombinationAnswersForItsExactSet()
    {
        // At least 100 minutes at six players: no single expansion adds to the minimum playtime, the
        // curated B&C+JE combination says 105.
        using var page = await GetValidAsync("/v1/games?effective=true&players=6&playtime_min=100");

        var via = Assert.Single(page.RootElement.GetProperty("data").EnumerateArray(), g => g.GetProperty("slug").GetString() == Si)
            .GetProperty("matched_via");
        Assert.Equal("expansion_combination", via.GetProperty("type").GetString());
        Assert.Equal(1, via.GetProperty("resolution_tier").GetInt32());
        Assert.Equal(await CombinationIdAsync(Bc, Je), via.GetProperty("combination_id").GetGuid());
        Assert.Equal([Bc, Je], ExpansionSlugs(via));
        var properties = via.GetProperty("effective_properties");
        Assert.Equal(105, properties.GetProperty("min_playtime").GetInt32());
        Assert.Equal(180, properties.GetProperty("max_playtime").GetInt32());
        Assert.Equal(4.07m, properties.GetProperty("weight").GetDecimal());
    }

    [Fact]
    public async Task TheFewestExpansionsThatMatchAreReported()
    {
        // Weight 4.3 or more: no single expansion gets there; JE+NI (4.33) does with two, before the
        // three-expansion combination (4.35).
        using var page = await GetValidAsync("/v1/games?effective=true&weight_min=4.3&type=base_game");

        var via = Assert.Single(page.RootElement.GetProperty("data").EnumerateArray(), g => g.GetProperty("slug").GetString() == Si)
            .GetProperty("matched_via");
        Assert.Equal([Je, Ni], ExpansionSlugs(via));
        Assert.Equal(4.33m, via.GetProperty("effective_properties").GetProperty("weight").GetDecimal());
    }

    [Fact]
    public async Task EffectiveWeightFalseKeepsWeightOnTheBaseGame()
    {
        // Players through Jagged Earth, weight (3.86) from the base game.
        using var split = await GetValidAsync("/v1/games?effective=true&effective_weight=false&players=6&weight_max=3.9");
        using var joint = await GetValidAsync("/v1/games?effective=true&players=6&weight_max=3.9");
        // effective_weight alone: weight through the variants, players on the base game.
        using var weightOnly = await GetValidAsync("/v1/games?effective_weight=true&weight_min=4.3");

        Assert.Contains(Si, Slugs(split));
        Assert.DoesNotContain(Si, Slugs(joint));
        Assert.Contains(Si, Slugs(weightOnly));
        Assert.All(weightOnly.RootElement.GetProperty("data").EnumerateArray(),
            g => Assert.True(g.GetProperty("matched_via").GetProperty("effective_properties").GetProperty("weight").GetDecimal() >= 4.3m));
    }

    [Fact]
    public async Task WithoutEffectiveModeThereIsNoMatchedVia()
    {
        using var page = await GetValidAsync("/v1/games?players=2");

        Assert.All(page.RootElement.GetProperty("data").EnumerateArray(), g => Assert.False(g.TryGetProperty("matched_via", out _)));
        Assert.False(page.RootElement.GetProperty("meta").GetProperty("effective").GetBoolean());
    }

    [Fact]
    public async Task EffectiveModeListsBaseGamesUnlessATypeIsAsked()
    {
        using var all = await GetValidAsync("/v1/games?effective=true");
        using var promos = await GetValidAsync("/v1/games?effective=true&type=promo");

        Assert.Equal(["spirit-island", "spirit-island-horizons", "terraforming-mars"], Slugs(all).Order(StringComparer.Ordinal));
        Assert.All(all.RootElement.GetProperty("data").EnumerateArray(), g => Assert.Equal("base", g.GetProperty("matched_via").GetProperty("type").GetString()));
        Assert.Equal(2, Slugs(promos).Count);
    }

    [Fact]
    public async Task ThePostSearchHasTheSameEffectiveMode()
    {
        using var content = new StringContent(
            """{"filters": {"effective": true, "players": {"exact": 6}, "weight": {"min": 4.0, "max": 4.1}}}""", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/v1/games/search", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var page = JsonDocument.Parse(body);
        var game = Assert.Single(page.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal([Je], ExpansionSlugs(game.GetProperty("matched_via")));
        Assert.True(page.RootElement.GetProperty("meta").GetProperty("effective").GetBoolean());
    }

    [Fact]
    public async Task TheReportedVariantIsWhatEffectivePropertiesSaysForTheSameExpansions()
    {
        foreach (var query in new[] { "players=6&weight_min=4.0&weight_max=4.1", "players=6&playtime_min=100", "weight_min=4.3", "players=5" })
        {
            using var page = await GetValidAsync("/v1/games?effective=true&" + query);
            foreach (var game in page.RootElement.GetProperty("data").EnumerateArray())
            {
                await EffectiveCrossCheck.AssertAgreesAsync(Http, game);
            }
        }
    }

    [Fact]
    public async Task SeedingBuildsEveryVariantOfSpiritIsland()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT v.variant_type, count(*)::int FROM game_variants v JOIN games g ON g.id = v.game_id WHERE g.slug = $1 GROUP BY 1 ORDER BY 1", connection)
        {
            Parameters = { new() { Value = Si } },
        };
        var counts = new Dictionary<string, int>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        // Five add-ons with deltas: 5 singles + 10 pairs + 10 triples, two of which are curated combinations.
        Assert.Equal(new Dictionary<string, int> { ["base"] = 1, ["delta_sum"] = 23, ["expansion_combination"] = 2 }, counts);
    }

    private async Task<Guid> CombinationIdAsync(params string[] expansions)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT c.id FROM expansion_combinations c WHERE (SELECT array_agg(g.slug::text ORDER BY g.slug) FROM games g WHERE g.id = ANY(c.expansion_ids)) = $1",
            connection)
        {
            Parameters = { new() { Value = expansions.Order(StringComparer.Ordinal).ToArray() } },
        };
        return (Guid)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private Task<JsonDocument> GetValidAsync(string href) => Http.GetValidGamesAsync(href);

    private static List<string> Slugs(JsonDocument page) => GamePages.Slugs(page);

    private static List<string> ExpansionSlugs(JsonElement via) =>
        [.. via.GetProperty("expansions").EnumerateArray().Select(e => e.GetProperty("slug").GetString()!)];
}
