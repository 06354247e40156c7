using System.Globalization;
using System.Text.Json;
using OpenTabletop.Data;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.MigrationService;

public sealed class SampleSeederTests(PostgresFixture postgres)
{
    private static readonly Guid SpiritIsland = Guid.Parse("01912f4c-7e3a-7b1a-8c5d-9f0e1a2b3c4d");

    // Sample spellings with no term of that slug in the vocabulary, and what they become.
    private static readonly Dictionary<(string Kind, string Slug), string?> VocabularyMapping = new()
    {
        [("mechanic", "drafting")] = "card-drafting",   // synonym
        [("category", "cooperative")] = "cooperative-game",
        [("category", "thematic")] = "ameritrash",      // synonym "thematic-game"
        [("category", "strategy")] = null,              // no match: not linked
    };

    private static readonly string[] FieldsHandledApart = ["_links", "mechanics", "categories", "themes", "identifiers"];

    [Fact]
    public async Task SeedingLoadsEveryTableTheSampleTouches()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        var expected = new Dictionary<string, long>
        {
            ["games"] = 8, ["player_count_ratings"] = 9, ["experience_playtime"] = 4, ["experience_playtime_profiles"] = 1,
            ["external_identifiers"] = 3, ["game_relationships"] = 8, ["property_modifications"] = 5,
            ["expansion_combinations"] = 2, ["game_mechanics"] = 11, ["game_categories"] = 3, ["game_themes"] = 4,
            ["families"] = 1, ["game_families"] = 7, ["people"] = 3, ["game_credits"] = 9, ["publishers"] = 2,
            ["game_publishers"] = 8, ["game_editions"] = 2, ["edition_publishers"] = 2, ["edition_artists"] = 1,
            ["edition_deltas"] = 1, ["awards"] = 1, ["game_awards"] = 1, ["alternate_names"] = 3,
            // The raw votes behind Spirit Island's and Terraforming Mars' histograms and weights.
            ["rating_votes"] = 28_456 + 94_520, ["weight_votes"] = 5_127 + 8_940,
        };
        var actual = new Dictionary<string, long>();
        foreach (var table in expected.Keys)
        {
            actual[table] = await db.CountAsync(table, ct);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task GamesReadBackEqualTheSpecSampleFilesFieldByField()
    {
        var ct = TestContext.Current.CancellationToken;
        var samples = new List<YamlMappingNode>
        {
            (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", "spirit-island", "game.yaml"),
            (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", "terraforming-mars", "game.yaml"),
        };
        samples.AddRange(((YamlSequenceNode)SpecFiles.LoadYaml("data", "samples", "spirit-island", "expansions.yaml")).Cast<YamlMappingNode>());
        await using var db = await SeededAsync(ct);

        var mismatches = new List<string>();
        foreach (var sample in samples)
        {
            var slug = Scalar(sample, "slug")!;
            var row = await GameRowAsync(db, slug, ct);
            foreach (var (keyNode, value) in sample.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value!;
                if (FieldsHandledApart.Contains(key))
                {
                    continue;
                }

                if (!row.TryGetProperty(key, out var stored))
                {
                    mismatches.Add($"{slug}.{key}: no such column");
                    continue;
                }

                var expected = ExpectedValue(sample, key, value);
                if (!Same(expected, stored))
                {
                    mismatches.Add($"{slug}.{key}: sample {Describe(expected)}, stored {stored.GetRawText()}");
                }
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal(8, samples.Count);
    }

    [Fact]
    public async Task SpiritIslandTakesItsImagesFromTheSpecExample()
    {
        var ct = TestContext.Current.CancellationToken;
        var example = (YamlMappingNode)((YamlMappingNode)SpecFiles.LoadYaml("spec", "examples", "game-spirit-island.yaml"))["value"];
        await using var db = await SeededAsync(ct);

        var row = await GameRowAsync(db, "spirit-island", ct);

        Assert.Equal(Scalar(example, "image_url"), row.GetProperty("image_url").GetString());
        Assert.Equal(Scalar(example, "thumbnail_url"), row.GetProperty("thumbnail_url").GetString());
        Assert.Equal(int.Parse(Scalar(example, "bgg_id")!, CultureInfo.InvariantCulture), row.GetProperty("bgg_id").GetInt32());
    }

    [Fact]
    public async Task TaxonomyLinksMapSampleSlugsOntoTheVocabulary()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        foreach (var folder in new[] { "spirit-island", "terraforming-mars" })
        {
            var sample = (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", folder, "game.yaml");
            foreach (var (kind, list, table, column, terms) in new[]
            {
                ("mechanic", "mechanics", "game_mechanics", "mechanic_id", "mechanics"),
                ("category", "categories", "game_categories", "category_id", "categories"),
                ("theme", "themes", "game_themes", "theme_id", "themes"),
            })
            {
                var expected = ((YamlSequenceNode)sample[list]).Cast<YamlScalarNode>()
                    .Select(s => VocabularyMapping.TryGetValue((kind, s.Value!), out var mapped) ? mapped : s.Value)
                    .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
                var linked = await db.ListAsync<string>(
                    $"SELECT t.slug::text FROM {table} l JOIN {terms} t ON t.id = l.{column} JOIN games g ON g.id = l.game_id WHERE g.slug = $1 ORDER BY 1",
                    ct, folder);
                Assert.Equal(expected, linked.Order(StringComparer.Ordinal).ToList());
            }
        }
    }

    [Fact]
    public async Task ExternalIdentifiersAndBggIdsComeFromTheSamples()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        foreach (var folder in new[] { "spirit-island", "terraforming-mars" })
        {
            var sample = (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", folder, "game.yaml");
            var expected = ((YamlSequenceNode)sample["identifiers"]).Cast<YamlMappingNode>()
                .Select(i => $"{Scalar(i, "source")}:{Scalar(i, "external_id")}").Order(StringComparer.Ordinal).ToList();
            var stored = await db.ListAsync<string>(
                "SELECT e.source || ':' || e.external_id FROM external_identifiers e JOIN games g ON g.id = e.game_id WHERE g.slug = $1 ORDER BY 1", ct, folder);
            Assert.Equal(expected, stored);
            var bgg = expected.Single(e => e.StartsWith("bgg:", StringComparison.Ordinal))["bgg:".Length..];
            Assert.Equal(int.Parse(bgg, CultureInfo.InvariantCulture), await db.ScalarAsync<int>("SELECT bgg_id FROM games WHERE slug = $1", ct, folder));
        }
    }

    [Fact]
    public async Task PlayerCountRatingsEqualTheSamplesAndDriveTheTopAndRecommendedCounts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        foreach (var folder in new[] { "spirit-island", "terraforming-mars" })
        {
            var sample = (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", folder, "player-count-ratings.yaml");
            var ratings = ((YamlSequenceNode)sample["ratings"]).Cast<YamlMappingNode>().ToList();
            var expected = ratings.Select(r => string.Join('/', Scalar(r, "player_count"), Decimal(r, "average_rating"), Scalar(r, "rating_count"), Decimal(r, "rating_stddev"))).ToList();
            var stored = await db.ListAsync<string>(
                "SELECT concat_ws('/', r.player_count, trim_scale(r.average_rating), r.rating_count, trim_scale(r.rating_stddev)) FROM player_count_ratings r JOIN games g ON g.id = r.game_id WHERE g.slug = $1 ORDER BY r.player_count",
                ct, folder);
            Assert.Equal(expected, stored);

            int[] CountsAtOrAbove(decimal threshold) => [.. ratings
                .Where(r => decimal.Parse(Scalar(r, "average_rating")!, CultureInfo.InvariantCulture) >= threshold)
                .Select(r => int.Parse(Scalar(r, "player_count")!, CultureInfo.InvariantCulture))];
            Assert.Equal(CountsAtOrAbove(4.0m), await db.ScalarAsync<int[]>("SELECT top_player_counts FROM games WHERE slug = $1", ct, folder));
            Assert.Equal(CountsAtOrAbove(3.0m), await db.ScalarAsync<int[]>("SELECT recommended_player_counts FROM games WHERE slug = $1", ct, folder));
        }

        // Terraforming Mars' sample lists consistent derived counts; Spirit Island's ([2] / [1,2,3]) contradict its ratings.
        Assert.Equal(new[] { 2, 3 }, await db.ScalarAsync<int[]>("SELECT top_player_counts FROM games WHERE slug = 'terraforming-mars'", ct));
        Assert.Equal(new[] { 2, 3, 4 }, await db.ScalarAsync<int[]>("SELECT recommended_player_counts FROM games WHERE slug = 'terraforming-mars'", ct));
        Assert.Equal(new[] { 1, 2, 3 }, await db.ScalarAsync<int[]>("SELECT top_player_counts FROM games WHERE slug = 'spirit-island'", ct));
        Assert.Equal(new[] { 1, 2, 3, 4 }, await db.ScalarAsync<int[]>("SELECT recommended_player_counts FROM games WHERE slug = 'spirit-island'", ct));
    }

    [Fact]
    public async Task ExperiencePlaytimeEqualsTheSpiritIslandSample()
    {
        var ct = TestContext.Current.CancellationToken;
        var sample = (YamlMappingNode)SpecFiles.LoadYaml("data", "samples", "spirit-island", "experience-playtime.yaml");
        var levels = ((YamlSequenceNode)sample["levels"]).Cast<YamlMappingNode>().ToList();
        var multipliers = (YamlMappingNode)sample["multipliers"];
        await using var db = await SeededAsync(ct);

        var stored = await db.ListAsync<string>(
            "SELECT concat_ws('/', experience_level, median_minutes, p10_minutes, p90_minutes, report_count) FROM experience_playtime WHERE game_id = $1 ORDER BY median_minutes DESC",
            ct, SpiritIsland);
        Assert.Equal(
            levels.Select(l => string.Join('/', Scalar(l, "experience_level"), Scalar(l, "median_minutes"), Scalar(l, "p10_minutes"), Scalar(l, "p90_minutes"), Scalar(l, "report_count"))),
            stored);
        var profile = await db.ScalarAsync<string>(
            "SELECT concat_ws('/', sufficient_data::text, trim_scale(multiplier_first_play), trim_scale(multiplier_learning), trim_scale(multiplier_experienced), trim_scale(multiplier_expert), total_reports) FROM experience_playtime_profiles WHERE game_id = $1",
            ct, SpiritIsland);
        var totalReports = levels.Sum(l => int.Parse(Scalar(l, "report_count")!, CultureInfo.InvariantCulture));
        Assert.Equal(
            string.Join('/', Scalar(sample, "sufficient_data"), Decimal(multipliers, "first_play"), Decimal(multipliers, "learning"), Decimal(multipliers, "experienced"), Decimal(multipliers, "expert"), totalReports),
            profile);
    }

    [Fact]
    public async Task RelationshipsFollowTheSpecDirection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        var edges = await db.ListAsync<string>(
            "SELECT s.slug || ' ' || r.relationship_type || ' ' || t.slug FROM game_relationships r JOIN games s ON s.id = r.source_game_id JOIN games t ON t.id = r.target_game_id ORDER BY 1",
            ct);

        Assert.Equal(
        [
            "spirit-island expands spirit-island-branch-and-claw",
            "spirit-island expands spirit-island-jagged-earth",
            "spirit-island expands spirit-island-nature-incarnate",
            "spirit-island expands spirit-island-promo-pack-1",
            "spirit-island expands spirit-island-promo-pack-2",
            "spirit-island integrates_with spirit-island-horizons",
            "spirit-island reimplements spirit-island-horizons",
            "spirit-island-horizons integrates_with spirit-island",
        ], edges);
        // Every expansion and promo names the base game as parent; the standalone expansion does not (spec rule).
        Assert.Equal(
            ["spirit-island-branch-and-claw", "spirit-island-jagged-earth", "spirit-island-nature-incarnate", "spirit-island-promo-pack-1", "spirit-island-promo-pack-2"],
            await db.ListAsync<string>("SELECT slug::text FROM games WHERE parent_game_id = $1 ORDER BY 1", ct, SpiritIsland));
        Assert.Equal(DBNull.Value, await db.ScalarAsync<object>("SELECT parent_game_id FROM games WHERE slug = 'spirit-island-horizons'", ct));
    }

    [Fact]
    public async Task ExpansionDeltasAndTheExplicitCombinationEqualTheSpecExample()
    {
        var ct = TestContext.Current.CancellationToken;
        var example = (YamlMappingNode)((YamlMappingNode)SpecFiles.LoadYaml("spec", "examples", "effective-properties.yaml"))["value"];
        await using var db = await SeededAsync(ct);

        foreach (var (slugNode, effectNode) in ((YamlMappingNode)example["individual_effects"]).Children)
        {
            var effect = (YamlMappingNode)effectNode;
            var stored = await db.ScalarAsync<string>(
                "SELECT concat_ws('/', m.min_players_delta, m.max_players_delta, trim_scale(m.weight_delta), m.playtime_min_delta, m.playtime_max_delta) FROM property_modifications m JOIN games e ON e.id = m.expansion_id WHERE e.slug = $1 AND m.base_game_id = $2",
                ct, ((YamlScalarNode)slugNode).Value!, SpiritIsland);
            Assert.Equal(
                string.Join('/', Scalar(effect, "min_players_delta"), Scalar(effect, "max_players_delta"), Decimal(effect, "weight_delta"), Scalar(effect, "playtime_min_delta"), Scalar(effect, "playtime_max_delta")),
                stored);
        }

        var applied = ((YamlSequenceNode)example["applied_expansions"]).Cast<YamlScalarNode>().Select(s => s.Value!).ToArray();
        var effective = (YamlMappingNode)example["effective"];
        var combination = await db.ScalarAsync<string>(
            """
            SELECT concat_ws('/', c.effective_min_players, c.effective_max_players, c.effective_playtime_min, c.effective_playtime_max, trim_scale(c.effective_weight), array_to_string(c.effective_best_at, ','))
            FROM expansion_combinations c
            WHERE c.base_game_id = $1 AND c.expansion_ids = ARRAY(SELECT id FROM games WHERE slug = ANY ($2) ORDER BY id)
            """,
            ct, SpiritIsland, applied);
        Assert.Equal(
            string.Join('/', Scalar(effective, "min_players"), Scalar(effective, "max_players"), Scalar(effective, "min_playtime_minutes"), Scalar(effective, "max_playtime_minutes"), Decimal(effective, "weight"),
                string.Join(',', ((YamlSequenceNode)effective["best_at"]).Cast<YamlScalarNode>().Select(s => s.Value))),
            combination);

        // The Branch & Claw + Jagged Earth combination (peer seed): 1-6 players, weight 4.07, 105-180 minutes, age 13.
        Assert.Equal("1/6/4.07/105/180/13", await db.ScalarAsync<string>(
            """
            SELECT concat_ws('/', effective_min_players, effective_max_players, trim_scale(effective_weight), effective_playtime_min, effective_playtime_max, effective_min_age)
            FROM expansion_combinations
            WHERE expansion_ids = ARRAY(SELECT id FROM games WHERE slug IN ('spirit-island-branch-and-claw', 'spirit-island-jagged-earth') ORDER BY id)
            """, ct));
        // Stored sorted, so that the unique constraint means set equality.
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM expansion_combinations WHERE expansion_ids <> ARRAY(SELECT unnest(expansion_ids) ORDER BY 1)", ct));
    }

    [Fact]
    public async Task CreditsPublishersEditionsAwardsAndAlternateNamesAreLinked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        Assert.Equal(7, await db.ScalarAsync<long>(
            "SELECT count(*) FROM game_credits c JOIN people p ON p.id = c.person_id WHERE p.slug = 'r-eric-reuss' AND c.role = 'designer'", ct));
        Assert.Equal(["jason-behnke"], await db.ListAsync<string>(
            "SELECT p.slug::text FROM game_credits c JOIN people p ON p.id = c.person_id WHERE c.role = 'artist' AND c.game_id = $1", ct, SpiritIsland));
        Assert.Equal(["jacob-fryxelius designer"], await db.ListAsync<string>(
            "SELECT p.slug || ' ' || c.role FROM game_credits c JOIN people p ON p.id = c.person_id JOIN games g ON g.id = c.game_id WHERE g.slug = 'terraforming-mars'", ct));
        Assert.Equal(["fryxgames SE", "greater-than-games US"], await db.ListAsync<string>("SELECT slug || ' ' || country FROM publishers ORDER BY 1", ct));
        Assert.Equal(7, await db.ScalarAsync<long>(
            "SELECT count(*) FROM game_publishers gp JOIN publishers p ON p.id = gp.publisher_id WHERE p.slug = 'greater-than-games'", ct));
        Assert.Equal(7, await db.ScalarAsync<long>(
            "SELECT count(*) FROM game_families gf JOIN families f ON f.id = gf.family_id WHERE f.slug = 'spirit-island'", ct));

        Assert.Equal(DeterministicIds.For("edition", "spirit-island/first-edition"), await db.ScalarAsync<Guid>(
            "SELECT e.id FROM games g JOIN game_editions e ON e.id = g.canonical_edition_id AND e.game_id = g.id AND e.is_canonical WHERE g.id = $1", ct, SpiritIsland));
        Assert.Equal("-10/-0.05", await db.ScalarAsync<string>(
            "SELECT d.playtime_max_delta || '/' || trim_scale(d.weight_delta) FROM edition_deltas d JOIN game_editions e ON e.id = d.edition_id WHERE NOT e.is_canonical AND d.game_id = $1", ct, SpiritIsland));

        Assert.Equal("golden-geek-awards 2017 won", await db.ScalarAsync<string>(
            "SELECT a.slug || ' ' || ga.year || ' ' || ga.result FROM game_awards ga JOIN awards a ON a.id = ga.award_id WHERE ga.game_id = $1", ct, SpiritIsland));
        // The trigger folds alternate names into the search document.
        Assert.Contains("スピリット・アイランド", await db.ScalarAsync<string>("SELECT search_alternate_names FROM games WHERE id = $1", ct, SpiritIsland));
    }

    [Fact]
    public async Task SeedingTwiceChangesNoRowInAnyTable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);
        var before = await db.SnapshotAsync(ct);

        await db.SeedTaxonomyAsync(ct);
        await db.SeedSampleAsync(ct);

        Assert.Equal(before, await db.SnapshotAsync(ct));
    }

    [Fact]
    public async Task ReseedingRestoresAnEditedSampleGame()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);
        var before = await db.ScalarAsync<string>("SELECT to_jsonb(g)::text FROM games g WHERE id = $1", ct, SpiritIsland);
        await db.ScalarAsync<long>(
            "WITH changed AS (UPDATE games SET weight = 1.5, max_players = 9 WHERE id = $1 RETURNING 1) SELECT count(*) FROM changed", ct, SpiritIsland);

        await db.SeedSampleAsync(ct);

        Assert.Equal(before, await db.ScalarAsync<string>("SELECT to_jsonb(g)::text FROM games g WHERE id = $1", ct, SpiritIsland));
    }

    [Fact]
    public async Task SeedingReportsMappedAndUnmatchedTaxonomySlugsAndThenNoChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);
        var logger = new ListLogger<SampleSeeder>();

        await new SampleSeeder(db.DataSource, logger).SeedAsync(ct);

        Assert.Contains(logger.Messages, m => m.Contains("'drafting'", StringComparison.Ordinal) && m.Contains("'card-drafting'", StringComparison.Ordinal));
        Assert.Contains(logger.Messages, m => m.Contains("'thematic'", StringComparison.Ordinal) && m.Contains("'ameritrash'", StringComparison.Ordinal));
        Assert.Equal(2, logger.Messages.Count(m => m.Contains("'strategy'", StringComparison.Ordinal) && m.Contains("no match", StringComparison.Ordinal)));
        Assert.Contains(logger.Messages, m => m.Contains("rows changed: none", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleSeedingRefusesToRunBeforeTheTaxonomy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SeedSampleAsync(ct));

        Assert.Equal(0, await db.CountAsync("games", ct));
    }

    private async Task<SeedTestDatabase> SeededAsync(CancellationToken ct)
    {
        var db = await SeedTestDatabase.CreateAsync(postgres, ct);
        await db.SeedTaxonomyAsync(ct);
        await db.SeedSampleAsync(ct);
        return db;
    }

    private static async Task<JsonElement> GameRowAsync(SeedTestDatabase db, string slug, CancellationToken ct)
    {
        var json = await db.ScalarAsync<string>("SELECT (to_jsonb(g) - 'search_vector')::text FROM games g WHERE slug = $1", ct, slug);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>The value the sample gives, after the two documented rulings on sample values.</summary>
    private static object? ExpectedValue(YamlMappingNode sample, string key, YamlNode value)
    {
        if (value is YamlSequenceNode sequence)
        {
            return sequence.Cast<YamlScalarNode>().Select(s => s.Value!).ToArray();
        }

        var text = ScalarValue((YamlScalarNode)value);
        return key switch
        {
            // Not in the enum: the nearest level.
            "language_dependence" when text == "moderate" => "moderate_text",
            // A standalone expansion has no parent (spec rule); integrates_with links it instead.
            "parent_game_id" when Scalar(sample, "type") == "standalone_expansion" => null,
            _ => text,
        };
    }

    private static bool Same(object? expected, JsonElement stored) => expected switch
    {
        null => stored.ValueKind == JsonValueKind.Null,
        string[] items => stored.ValueKind == JsonValueKind.Array
            && stored.EnumerateArray().Select(e => e.GetRawText()).SequenceEqual(items),
        string text when stored.ValueKind == JsonValueKind.Number =>
            decimal.Parse(text, CultureInfo.InvariantCulture) == stored.GetDecimal(),
        string text when stored.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var instant) =>
            DateTimeOffset.TryParse(stored.GetString(), CultureInfo.InvariantCulture, out var storedInstant) && instant == storedInstant,
        string text => stored.ValueKind == JsonValueKind.String && stored.GetString() == text,
        _ => false,
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string[] items => $"[{string.Join(", ", items)}]",
        _ => $"'{value}'",
    };

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ScalarValue((YamlScalarNode)value) : null;

    private static string? ScalarValue(YamlScalarNode node) =>
        node.Style == YamlDotNet.Core.ScalarStyle.Plain && node.Value is "null" or "~" or "" ? null : node.Value;

    /// <summary>A YAML number in PostgreSQL's trim_scale form (4.20 → 4.2, 1.00 → 1).</summary>
    private static string Decimal(YamlMappingNode node, string key) =>
        (decimal.Parse(Scalar(node, key)!, CultureInfo.InvariantCulture) / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
