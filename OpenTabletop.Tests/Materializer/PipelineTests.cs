using OpenTabletop.Materializer;
using OpenTabletop.Materializer.Runs;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Materializer;

/// <summary>The pipeline over a synthetic catalogue, against real PostgreSQL.</summary>
public sealed class PipelineTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecondRunWithoutNewDataRewritesNoRowAtAll()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        Assert.Equal(RunStatus.Succeeded, (await db.RunAsync(Ct)).Status);
        var aggregates = await db.AggregatesAsync(Ct);
        var tables = await db.TablesAsync(Ct);

        var second = await db.RunAsync(Ct);

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.All(second.Steps.Where(s => s.Step.StartsWith("write_", StringComparison.Ordinal) || s.Step is "effective_variants" or "snapshots"),
            s => Assert.Equal(0, s.Rows));
        Assert.Equal(aggregates, await db.AggregatesAsync(Ct));
        // xmin included: not one row of any table was rewritten, even with equal values.
        Assert.Equal(tables, await db.TablesAsync(Ct));
    }

    [Fact]
    public async Task AggregatesEqualAnIndependentComputationFromTheRawRows()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);

        await db.RunAsync(Ct);

        Assert.Equal(0L, await db.ScalarAsync<long>("""
            WITH r AS (SELECT game_id, count(*)::int AS n, round(avg(rating * 10 / coalesce(declared_scale, 10)), 3) AS mean,
                              round(stddev_pop(rating * 10 / coalesce(declared_scale, 10)), 3) AS sd
                         FROM rating_votes GROUP BY game_id),
                 h AS (SELECT game_id, array_agg(c ORDER BY b) AS dist FROM (
                         SELECT v.game_id, b, count(x.game_id)::int AS c
                           FROM (SELECT DISTINCT game_id FROM rating_votes) v CROSS JOIN generate_series(1, 10) b
                           LEFT JOIN rating_votes x ON x.game_id = v.game_id AND least(10, greatest(1, round(x.rating * 10 / coalesce(x.declared_scale, 10)))) = b
                          GROUP BY v.game_id, b) t GROUP BY game_id),
                 w AS (SELECT game_id, count(*)::int AS n, round(avg(weight), 3) AS mean FROM weight_votes GROUP BY game_id),
                 p AS (SELECT game_id, count(*)::int AS n FROM play_logs GROUP BY game_id)
            SELECT count(*) FROM games g
              JOIN r ON r.game_id = g.id JOIN h ON h.game_id = g.id
              LEFT JOIN w ON w.game_id = g.id LEFT JOIN p ON p.game_id = g.id
             WHERE (g.rating_count, g.average_rating, g.rating_stddev, g.rating_distribution) IS DISTINCT FROM (r.n, r.mean, r.sd, h.dist)
                OR (w.game_id IS NOT NULL AND (g.weight_votes, g.weight) IS DISTINCT FROM (w.n, w.mean))
                OR (p.game_id IS NOT NULL AND g.total_plays IS DISTINCT FROM p.n)
            """, Ct));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM games WHERE rating_count > 0", Ct) > 1_000);
    }

    [Fact]
    public async Task VotesOnADeclaredFivePointScaleCountOnTheTenPointScale()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var game = await db.InsertGameAsync("five-point", Ct);
        await db.AddRatingAsync(game, 4, Ct, scale: 5);   // 8 / 10
        await db.AddRatingAsync(game, 3, Ct, scale: 5);   // 6 / 10
        await db.AddRatingAsync(game, 10, Ct);            // no declared scale: 10 / 10

        await db.RunAsync(Ct);

        Assert.Equal("8.000|3|1.633|{0,0,0,0,0,1,0,1,0,1}", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', average_rating, rating_count, rating_stddev, rating_distribution) FROM games WHERE id = $1", Ct, game));
    }

    [Fact]
    public async Task AGameWhoseRawRowsVanishedIsResetToNoAggregates()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        var game = await db.ScalarAsync<Guid>("""
            SELECT g.id FROM games g WHERE g.type = 'base_game'
               AND EXISTS (SELECT 1 FROM weight_votes w WHERE w.game_id = g.id)
               AND (SELECT count(*) FROM play_logs p WHERE p.game_id = g.id) >= 5
               AND (SELECT count(*) FROM rating_votes r WHERE r.game_id = g.id) >= 40
             ORDER BY g.id LIMIT 1
            """, Ct);
        await db.RunAsync(Ct);
        Assert.NotNull(await db.ScalarAsync<int?>("SELECT rank_overall FROM games WHERE id = $1", Ct, game));

        await db.ExecuteAsync("DELETE FROM rating_votes WHERE game_id = $1", Ct, game);
        await db.ExecuteAsync("DELETE FROM weight_votes WHERE game_id = $1", Ct, game);
        await db.ExecuteAsync("DELETE FROM play_logs WHERE game_id = $1", Ct, game);
        await db.RunAsync(Ct);

        Assert.Equal("0|0|0", await db.ScalarAsync<string>("""
            SELECT concat_ws('|', rating_count, weight_votes, total_plays,
                   average_rating, rating_stddev, rating_distribution, rating_confidence, bayes_rating, rank_overall, rank_by_category,
                   weight, community_playtime_min_minutes, community_playtime_median_minutes, community_playtime_max_minutes)
              FROM games WHERE id = $1
            """, Ct, game));
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM game_aggregate_sources WHERE game_id = $1) + (SELECT count(*) FROM experience_playtime WHERE game_id = $1)", Ct, game));
    }

    [Fact]
    public async Task AGameThatNeverHadRawVotesKeepsItsImportedAggregatesAndIsRankedOnThem()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        var game = await db.InsertGameAsync("imported-classic", Ct);
        await db.ExecuteAsync(
            "UPDATE games SET average_rating = 9.100, rating_count = 50000, rating_stddev = 1.100, weight = 2.500, weight_votes = 900, total_plays = 12345 WHERE id = $1",
            Ct, game);

        await db.RunAsync(Ct);

        Assert.Equal("9.100|50000|1.100|2.500|900|12345|1", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', average_rating, rating_count, rating_stddev, weight, weight_votes, total_plays, rank_overall) FROM games WHERE id = $1", Ct, game));
        Assert.NotNull(await db.ScalarAsync<decimal?>("SELECT rating_confidence FROM games WHERE id = $1", Ct, game));
    }

    [Fact]
    public async Task RanksNumberTheActiveBaseGamesWithEnoughRatingsByBayesRatingWithoutTies()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        var settings = new MaterializerSettings { RankMinRatings = 25 };

        await db.RunAsync(Ct, settings);

        var eligible = await db.ListAsync<Guid>(
            "SELECT id FROM games WHERE type = 'base_game' AND status = 'active' AND rating_count >= 25 ORDER BY bayes_rating DESC, rating_count DESC, id", Ct);
        Assert.True(eligible.Count > 100);
        Assert.Equal(eligible, await db.ListAsync<Guid>("SELECT id FROM games WHERE rank_overall IS NOT NULL ORDER BY rank_overall", Ct));
        Assert.Equal(Enumerable.Range(1, eligible.Count), await db.ListAsync<int>("SELECT rank_overall FROM games WHERE rank_overall IS NOT NULL ORDER BY rank_overall", Ct));
        // Within each category the same order, numbered from 1.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            WITH expected AS (
                SELECT g.id, c.slug, row_number() OVER (PARTITION BY c.slug ORDER BY g.rank_overall) AS rank
                  FROM games g JOIN game_categories gc ON gc.game_id = g.id JOIN categories c ON c.id = gc.category_id
                 WHERE g.rank_overall IS NOT NULL)
            SELECT count(*) FROM expected e JOIN games g ON g.id = e.id WHERE (g.rank_by_category ->> e.slug)::bigint IS DISTINCT FROM e.rank
            """, Ct));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM games WHERE rank_overall IS NULL AND rank_by_category IS NOT NULL", Ct));
    }

    [Fact]
    public async Task BayesRatingIsTheMeanOfTheDirichletPosteriorOverTheTenBuckets()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);

        await db.RunAsync(Ct);

        var prior = (await db.ListAsync<decimal[]>("SELECT prior_votes FROM materialization_globals", Ct)).Single();
        Assert.Equal(100m, Math.Round(prior.Sum(), 3));
        var games = await db.ListAsync<string>(
            "SELECT concat_ws('|', bayes_rating, array_to_string(rating_distribution, ',')) FROM games WHERE rating_count > 0 ORDER BY id LIMIT 200", Ct);
        foreach (var game in games)
        {
            var parts = game.Split('|');
            var votes = parts[1].Split(',').Select(decimal.Parse).ToArray();
            var expected = Enumerable.Range(0, 10).Sum(i => (i + 1) * (prior[i] + votes[i])) / Enumerable.Range(0, 10).Sum(i => prior[i] + votes[i]);
            Assert.Equal(Math.Round(expected, 3, MidpointRounding.AwayFromZero), decimal.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task CommunityPlaytimeCountsSessionsOfFiveMinutesToADayAndNoCampaigns()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var game = await db.InsertGameAsync("playtime", Ct);
        foreach (var minutes in new[] { 60, 90, 120 }) await db.AddPlayAsync(game, minutes, Ct);
        await db.AddPlayAsync(game, 3, Ct);
        await db.AddPlayAsync(game, 2_000, Ct);
        await db.AddPlayAsync(game, 500, Ct, campaign: true);

        await db.RunAsync(Ct);

        // percentile_cont over 60, 90, 120: p10 66, p50 90, p90 114; every log is a play.
        Assert.Equal("66|90|114|6", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', community_playtime_min_minutes, community_playtime_median_minutes, community_playtime_max_minutes, total_plays) FROM games WHERE id = $1",
            Ct, game));
    }

    [Fact]
    public async Task ExperienceMultipliersAreUsedOnlyWhenEveryLevelHasEnoughReports()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var enough = await db.InsertGameAsync("enough", Ct);
        var short_ = await db.InsertGameAsync("short", Ct);
        foreach (var (level, minutes) in new[] { ("first_play", 165), ("learning", 130), ("experienced", 105), ("expert", 85) })
        {
            for (var i = 0; i < 3; i++)
            {
                await db.AddPlayAsync(enough, minutes, Ct, level);
                if (level != "expert" || i < 2) await db.AddPlayAsync(short_, minutes, Ct, level);
            }
        }

        await db.RunAsync(Ct, new MaterializerSettings { ExperienceMinReports = 3 });

        // The spec's example: 165/105 = 1.57, 130/105 = 1.24, 85/105 = 0.81.
        Assert.Equal("t|1.57|1.24|1.00|0.81|12", await ProfileAsync(db, enough));
        Assert.Equal("f|1.50|1.25|1.00|0.85|11", await ProfileAsync(db, short_));
        Assert.Equal("experienced:105:3,expert:85:2,first_play:165:3,learning:130:3", await db.ScalarAsync<string>(
            "SELECT string_agg(experience_level || ':' || median_minutes || ':' || report_count, ',' ORDER BY experience_level) FROM experience_playtime WHERE game_id = $1",
            Ct, short_));
    }

    [Fact]
    public async Task SnapshotsAreTakenByTheFirstRunOfEachMonthOnly()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var game = await db.InsertGameAsync("snapshotted", Ct);
        await db.AddRatingAsync(game, 7, Ct);
        await db.AddPlayAsync(game, 60, Ct, playedAt: new DateOnly(2026, 2, 14));
        var clock = new FixedTime(new DateTimeOffset(2026, 3, 5, 4, 0, 0, TimeSpan.Zero));

        await db.RunAsync(Ct, time: clock);
        await db.AddRatingAsync(game, 9, Ct);
        clock.Now = new DateTimeOffset(2026, 3, 20, 4, 0, 0, TimeSpan.Zero);
        await db.RunAsync(Ct, time: clock);
        clock.Now = new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);
        await db.RunAsync(Ct, time: clock);

        Assert.Equal(["2026-03-01|7.000|1|1", "2026-04-01|8.000|2|0"], await db.ListAsync<string>(
            "SELECT concat_ws('|', snapshot_date, average_rating, rating_count, play_count_period) FROM game_snapshots WHERE game_id = $1 ORDER BY snapshot_date",
            Ct, game));
    }

    [Fact]
    public async Task ARunCancelledAfterItWroteTheGamesLeavesThePreviousAggregates()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        await db.RunAsync(Ct);
        var game = await db.ScalarAsync<Guid>("SELECT id FROM games WHERE rating_count > 10 ORDER BY id LIMIT 1", Ct);
        for (var i = 0; i < 20; i++) await db.AddRatingAsync(game, 1, Ct);
        var before = await db.AggregatesAsync(Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var outcome = await db.RunAsync(cancel.Token, afterStep: (step, _) =>
        {
            if (step.Step == "write_games")
            {
                Assert.True(step.Rows > 0);
                cancel.Cancel();
            }
            return Task.CompletedTask;
        });

        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        Assert.Equal(before, await db.AggregatesAsync(Ct));
        Assert.Equal("cancelled", await db.ScalarAsync<string>("SELECT status FROM materialization_runs WHERE id = $1", Ct, outcome.RunIds[0]));
        // The next run publishes what the cancelled one had computed.
        await db.RunAsync(Ct);
        Assert.NotEqual(before, await db.AggregatesAsync(Ct));
    }

    [Fact]
    public async Task EffectiveVariantsFollowTheWeightTheRunWrites()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        await db.RunAsync(Ct);
        var game = await db.ScalarAsync<Guid>(
            "SELECT g.id FROM games g WHERE g.weight_votes > 0 AND EXISTS (SELECT 1 FROM game_variants v WHERE v.game_id = g.id AND v.preference > 0) " +
            // The base variant is the game after its canonical edition's delta: take one without.
            "AND NOT EXISTS (SELECT 1 FROM game_editions e JOIN edition_deltas d ON d.edition_id = e.id WHERE e.game_id = g.id) ORDER BY g.id LIMIT 1", Ct);
        for (var i = 0; i < 200; i++)
        {
            await db.ExecuteAsync("INSERT INTO weight_votes (id, game_id, weight) VALUES ($1, $2, 5)", Ct, Guid.CreateVersion7(), game);
        }

        await db.RunAsync(Ct);

        Assert.Equal(await db.ScalarAsync<decimal>("SELECT weight FROM games WHERE id = $1", Ct, game),
            await db.ScalarAsync<decimal>("SELECT weight FROM game_variants WHERE game_id = $1 AND preference = 0", Ct, game));
    }

    private static Task<string> ProfileAsync(MaterializerDatabase db, Guid game) => db.ScalarAsync<string>(
        "SELECT concat_ws('|', sufficient_data, multiplier_first_play, multiplier_learning, multiplier_experienced, multiplier_expert, total_reports) " +
        "FROM experience_playtime_profiles WHERE game_id = $1", Ct, game);
}
