using System.Text.RegularExpressions;
using Npgsql;
using OpenTabletop.MigrationService.Seeding.Synthetic;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.MigrationService;

[Collection(SyntheticDatabaseCollection.Name)]
public sealed partial class SyntheticSeederTests(SyntheticSeededDatabase database) : IClassFixture<SyntheticSeededDatabase>
{
    private const int N = SyntheticSeededDatabase.Games;
    private const string Synthetic = "slug <> 'spirit-island'";

    [Fact]
    public async Task TypeCountsMatchTheConfiguredMix()
    {
        var counts = await RowsAsync(
            $"SELECT type, count(*)::int FROM games WHERE {Synthetic} GROUP BY type", r => (r.GetString(0), r.GetInt32(1)));
        var share = counts.ToDictionary(c => c.Item1, c => c.Item2 / (double)N);

        Assert.Equal(N, counts.Sum(c => c.Item2));
        Assert.InRange(share["base_game"], 0.66, 0.74);
        Assert.InRange(share["expansion"], 0.17, 0.23);
        Assert.InRange(share.GetValueOrDefault("promo"), 0.025, 0.055);
        Assert.InRange(share.GetValueOrDefault("standalone_expansion"), 0.015, 0.045);
        Assert.InRange(share.GetValueOrDefault("accessory") + share.GetValueOrDefault("fan_expansion"), 0.015, 0.045);
    }

    [Fact]
    public async Task EveryAddOnHasABaseGameParentAndExpandsRelationshipsRunFromBaseToAddOn()
    {
        var orphans = await ScalarAsync<long>("""
            SELECT count(*) FROM games a LEFT JOIN games p ON p.id = a.parent_game_id
             WHERE a.type IN ('expansion', 'promo', 'fan_expansion', 'accessory') AND (p.id IS NULL OR p.type <> 'base_game')
            """);
        var parentedTopLevel = await ScalarAsync<long>(
            "SELECT count(*) FROM games WHERE type IN ('base_game', 'standalone_expansion') AND parent_game_id IS NOT NULL");
        var missingExpands = await ScalarAsync<long>("""
            SELECT count(*) FROM games a
             WHERE a.type IN ('expansion', 'promo', 'fan_expansion')
               AND NOT EXISTS (SELECT 1 FROM game_relationships r
                                WHERE r.source_game_id = a.parent_game_id AND r.target_game_id = a.id AND r.relationship_type = 'expands')
            """);
        var wrongWay = await ScalarAsync<long>("""
            SELECT count(*) FROM game_relationships r JOIN games s ON s.id = r.source_game_id
             WHERE r.relationship_type = 'expands' AND s.type <> 'base_game'
            """);
        var biggestFamily = await ScalarAsync<long>(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM games WHERE parent_game_id IS NOT NULL GROUP BY parent_game_id) f");

        Assert.Equal(0, orphans);
        Assert.Equal(0, parentedTopLevel);
        Assert.Equal(0, missingExpands);
        Assert.Equal(0, wrongWay);
        Assert.True(biggestFamily >= 8, $"the largest family has only {biggestFamily} add-ons");
    }

    [Fact]
    public async Task EveryGameHasThreeToEightMechanicsAndOneToThreeCategoriesAndThemes()
    {
        var ranges = await RowsAsync($"""
            SELECT min(m), max(m), min(c), max(c), min(t), max(t) FROM (
                SELECT (SELECT count(*) FROM game_mechanics x WHERE x.game_id = g.id) m,
                       (SELECT count(*) FROM game_categories x WHERE x.game_id = g.id) c,
                       (SELECT count(*) FROM game_themes x WHERE x.game_id = g.id) t
                  FROM games g WHERE {Synthetic}) s
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)));

        Assert.Equal((3L, 8L, 1L, 3L, 1L, 3L), ranges.Single());
    }

    [Fact]
    public async Task StoredAggregatesMatchTheRawVotes()
    {
        var ratingMismatches = await ScalarAsync<long>("""
            WITH v AS (
                SELECT game_id, count(*)::int AS n,
                       round(avg(rating * 10 / coalesce(declared_scale, 10)), 3) AS mean,
                       stddev_samp(rating * 10 / coalesce(declared_scale, 10)) AS sd
                  FROM rating_votes GROUP BY game_id),
            b AS (
                SELECT game_id, (rating * 10 / coalesce(declared_scale, 10))::int AS bucket, count(*)::int AS n
                  FROM rating_votes GROUP BY 1, 2),
            d AS (
                SELECT v.game_id, array_agg(coalesce(b.n, 0) ORDER BY i) AS dist
                  FROM v CROSS JOIN generate_series(1, 10) AS i
                  LEFT JOIN b ON b.game_id = v.game_id AND b.bucket = i
                 GROUP BY v.game_id)
            SELECT count(*) FROM games g
              LEFT JOIN v ON v.game_id = g.id
              LEFT JOIN d ON d.game_id = g.id
             WHERE g.slug <> 'spirit-island'
               AND (g.rating_count <> coalesce(v.n, 0)
                    OR g.average_rating IS DISTINCT FROM v.mean
                    OR abs(coalesce(g.rating_stddev, -1) - coalesce(round(v.sd, 3), -1)) > 0.0011
                    OR g.rating_distribution <> coalesce(d.dist, array_fill(0, ARRAY[10])))
            """);
        var weightMismatches = await ScalarAsync<long>("""
            SELECT count(*) FROM games g
              LEFT JOIN (SELECT game_id, count(*)::int AS n, round(avg(weight), 3) AS mean FROM weight_votes GROUP BY game_id) w ON w.game_id = g.id
             WHERE g.slug <> 'spirit-island' AND (g.weight_votes <> coalesce(w.n, 0) OR g.weight IS DISTINCT FROM w.mean)
            """);
        var playMismatches = await ScalarAsync<long>("""
            SELECT count(*) FROM games g
              LEFT JOIN (SELECT game_id, count(*)::int AS n FROM play_logs GROUP BY game_id) p ON p.game_id = g.id
              LEFT JOIN (SELECT game_id, count(*) AS n,
                                round(percentile_cont(0.1) WITHIN GROUP (ORDER BY duration_minutes))::int AS p10,
                                round(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_minutes))::int AS p50,
                                round(percentile_cont(0.9) WITHIN GROUP (ORDER BY duration_minutes))::int AS p90
                           FROM play_logs WHERE NOT is_campaign AND duration_minutes BETWEEN 5 AND 1440 GROUP BY game_id) c ON c.game_id = g.id
             WHERE g.slug <> 'spirit-island'
               AND (g.total_plays <> coalesce(p.n, 0)
                    OR g.community_playtime_min_minutes IS DISTINCT FROM CASE WHEN c.n >= 3 THEN c.p10 END
                    OR g.community_playtime_median_minutes IS DISTINCT FROM CASE WHEN c.n >= 3 THEN c.p50 END
                    OR g.community_playtime_max_minutes IS DISTINCT FROM CASE WHEN c.n >= 3 THEN c.p90 END)
            """);

        Assert.Equal(0, ratingMismatches);
        Assert.Equal(0, weightMismatches);
        Assert.Equal(0, playMismatches);
    }

    [Fact]
    public async Task RanksOrderActiveBaseGamesByBayesRating()
    {
        var misranked = await ScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT rank_overall, row_number() OVER (ORDER BY bayes_rating DESC, rating_count DESC, id) AS expected
                  FROM games WHERE rank_overall IS NOT NULL) r
             WHERE rank_overall <> expected
            """);
        var rankedElsewhere = await ScalarAsync<long>(
            "SELECT count(*) FROM games WHERE rank_overall IS NOT NULL AND (type <> 'base_game' OR status <> 'active' OR rating_count < 30)");
        var ranked = await ScalarAsync<long>("SELECT count(*) FROM games WHERE rank_overall IS NOT NULL");

        Assert.Equal(0, misranked);
        Assert.Equal(0, rankedElsewhere);
        Assert.InRange(ranked, 100, N);
    }

    [Fact]
    public async Task VoteVolumesHaveALongTailAroundTheTargetAverages()
    {
        var (ratings, weights, plays, median, max) = (await RowsAsync($"""
            SELECT sum(rating_count)::float8 / count(*), sum(weight_votes)::float8 / count(*), sum(total_plays)::float8 / count(*),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY rating_count), max(rating_count)
              FROM games WHERE {Synthetic}
            """, r => (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetInt32(3), r.GetInt32(4)))).Single();
        var fiveScale = await ScalarAsync<double>("SELECT avg((declared_scale IS NOT DISTINCT FROM 5)::int)::float8 FROM rating_votes");

        Assert.InRange(ratings, 30, 80);
        Assert.InRange(weights, 6, 16);
        Assert.InRange(plays, 3, 8);
        Assert.InRange(median, 3, 25);
        Assert.True(max >= 1_000, $"the most-voted game has only {max} votes");
        Assert.InRange(fiveScale, 0.05, 0.11);
    }

    [Fact]
    public async Task SlugsAreUniqueAndValid()
    {
        foreach (var table in new[] { "games", "people", "publishers" })
        {
            var slugs = await RowsAsync($"SELECT slug FROM {table}", r => r.GetString(0));
            Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());
            Assert.All(slugs, s => Assert.Matches(SlugPattern(), s));
        }
        Assert.InRange(await ScalarAsync<long>("SELECT count(*) FROM people"), 50, 200);
        Assert.InRange(await ScalarAsync<long>("SELECT count(*) FROM publishers"), 20, 50);
    }

    [Fact]
    public async Task CombinationsAreSortedAndMadeOfTheirBaseGamesExpansions()
    {
        var combinations = await ScalarAsync<long>("SELECT count(*) FROM expansion_combinations");
        var unsorted = await ScalarAsync<long>(
            "SELECT count(*) FROM expansion_combinations c WHERE c.expansion_ids <> ARRAY(SELECT e FROM unnest(c.expansion_ids) e ORDER BY e)");
        var foreign = await ScalarAsync<long>("""
            SELECT count(*) FROM expansion_combinations c, unnest(c.expansion_ids) e
             WHERE NOT EXISTS (SELECT 1 FROM games x WHERE x.id = e AND x.parent_game_id = c.base_game_id AND x.type = 'expansion')
            """);
        var inconsistent = await ScalarAsync<long>(
            "SELECT count(*) FROM expansion_combinations WHERE effective_max_players < effective_min_players OR effective_playtime_max < effective_playtime_min");

        Assert.True(combinations > 0, "no combinations were generated");
        Assert.Equal(0, unsorted);
        Assert.Equal(0, foreign);
        Assert.Equal(0, inconsistent);
    }

    [Fact]
    public async Task MostExpansionsCarryDeltasOnTheirOwnBaseGame()
    {
        var share = await ScalarAsync<double>("""
            SELECT avg((EXISTS (SELECT 1 FROM property_modifications m WHERE m.expansion_id = g.id))::int)::float8
              FROM games g WHERE g.type = 'expansion'
            """);
        var misattached = await ScalarAsync<long>(
            "SELECT count(*) FROM property_modifications m JOIN games g ON g.id = m.expansion_id WHERE g.parent_game_id <> m.base_game_id");

        Assert.InRange(share, 0.75, 0.95);
        Assert.Equal(0, misattached);
    }

    [Fact]
    public async Task PollsCoverEverySupportedPlayerCountAndExperienceLevel()
    {
        var gaps = await ScalarAsync<long>($"""
            SELECT count(*) FROM games g
             WHERE {Synthetic}
               AND (SELECT count(*) FROM player_count_ratings r
                     WHERE r.game_id = g.id AND r.player_count BETWEEN g.min_players AND g.max_players) <> g.max_players - g.min_players + 1
            """);
        var partialProfiles = await ScalarAsync<long>(
            "SELECT count(*) FROM experience_playtime_profiles p WHERE (SELECT count(*) FROM experience_playtime e WHERE e.game_id = p.game_id) <> 4");
        var profiles = await ScalarAsync<long>("SELECT count(*) FROM experience_playtime_profiles");

        Assert.Equal(0, gaps);
        Assert.Equal(0, partialProfiles);
        Assert.InRange(profiles, N / 20, N / 3);
    }

    [Fact]
    public async Task TheSampleGameIsKeptAlongsideTheSyntheticSet()
    {
        Assert.Equal(N + 1, await ScalarAsync<long>("SELECT count(*) FROM games"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM games WHERE slug = 'spirit-island'"));
    }

    [Fact]
    public async Task TheLoadRebuildsTheFacetsAndLeavesTheirTriggersOn()
    {
        Assert.Equal(0, await ScalarAsync<long>(GameFacetTriggerTests.Drift));
        // Off during the load (one rebuild instead of a version per COPY), back on for every later write.
        Assert.Equal(0, await ScalarAsync<long>(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O' AND tgrelid IN " +
            "('games'::regclass, 'game_mechanics'::regclass, 'game_categories'::regclass, 'game_themes'::regclass)"));
    }

    [Fact]
    public async Task ASecondRunWithTheSameParametersChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await SyntheticTestSchema.HashTablesAsync(database.ConnectionString, ct);

        await SyntheticSeededDatabase.SeedAsync(database.ConnectionString, N, SyntheticSeededDatabase.Seed, ct);

        Assert.Equal(before, await SyntheticTestSchema.HashTablesAsync(database.ConnectionString, ct));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM materialization_runs WHERE trigger = 'seed'"));
    }

    [Fact]
    public async Task ADifferentSizeOrSeedIsRefusedAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await SyntheticTestSchema.HashTablesAsync(database.ConnectionString, ct);

        var otherSeed = await Assert.ThrowsAsync<SyntheticSeedConflictException>(
            () => SyntheticSeededDatabase.SeedAsync(database.ConnectionString, N, SyntheticSeededDatabase.Seed + 1, ct));
        await Assert.ThrowsAsync<SyntheticSeedConflictException>(
            () => SyntheticSeededDatabase.SeedAsync(database.ConnectionString, N + 1, SyntheticSeededDatabase.Seed, ct));

        Assert.Contains($"{N} games made with seed {SyntheticSeededDatabase.Seed}", otherSeed.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SyntheticTestSchema.HashTablesAsync(database.ConnectionString, ct));
    }

    [Fact]
    public async Task TwoDatabasesSeededWithTheSameSeedHoldIdenticalRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await SyntheticSeededDatabase.PrepareAsync(database.Postgres, ct);
        await SyntheticTestSchema.InsertSampleGameAsync(other, ct);

        await SyntheticSeededDatabase.SeedAsync(other, N, SyntheticSeededDatabase.Seed, ct);

        var expected = await SyntheticTestSchema.HashTablesAsync(database.ConnectionString, ct);
        Assert.Equal(expected, await SyntheticTestSchema.HashTablesAsync(other, ct));
    }

    [Fact]
    public async Task ADifferentSeedProducesADifferentCatalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await SyntheticSeededDatabase.PrepareAsync(database.Postgres, ct);

        await SyntheticSeededDatabase.SeedAsync(other, 200, SyntheticSeededDatabase.Seed + 1, ct);

        var names = await RowsAsync(other, "SELECT name FROM games ORDER BY id LIMIT 20", r => r.GetString(0));
        var ours = await RowsAsync("SELECT name FROM games WHERE id = ANY(@ids) ORDER BY id", r => r.GetString(0),
            ("ids", Enumerable.Range(0, 200).Select(SyntheticCatalog.GameId).ToArray()));
        Assert.NotEqual(ours.Take(20), names);
    }

    [Fact]
    public async Task WithoutItsLoadRecordTheSetIsRecognisedByItsIds()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await SyntheticSeededDatabase.PrepareAsync(database.Postgres, ct);
        await SyntheticSeededDatabase.SeedAsync(other, 200, SyntheticSeededDatabase.Seed, ct);
        await ScalarAsync<int>(other, "DELETE FROM materialization_runs RETURNING 1");
        var before = await SyntheticTestSchema.HashTablesAsync(other, ct);

        await SyntheticSeededDatabase.SeedAsync(other, 200, SyntheticSeededDatabase.Seed, ct);
        await Assert.ThrowsAsync<SyntheticSeedConflictException>(
            () => SyntheticSeededDatabase.SeedAsync(other, 200, SyntheticSeededDatabase.Seed + 1, ct));
        await Assert.ThrowsAsync<SyntheticSeedConflictException>(
            () => SyntheticSeededDatabase.SeedAsync(other, 199, SyntheticSeededDatabase.Seed, ct));

        Assert.Equal(before, await SyntheticTestSchema.HashTablesAsync(other, ct));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    private Task<T> ScalarAsync<T>(string sql) => ScalarAsync<T>(database.ConnectionString, sql);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params (string Name, object Value)[] parameters) =>
        RowsAsync(database.ConnectionString, sql, map, parameters);

    private static async Task<List<T>> RowsAsync<T>(
        string connectionString, string sql, Func<NpgsqlDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
