using Npgsql;

namespace OpenTabletop.Tests.Api.Statistics;

/// <summary>
/// Hand-made statistics data whose every expected number is worked out in the tests. The games are
/// published in the 1950s (the sample games are from 2016 on), so a year_min/year_max of the 1950s
/// isolates them. Snapshots are of 2022-2024.
/// </summary>
/// <remarks>
/// <code>
///  game     type       year  players  max time  weight  rating  rank  mechanics
///  alpha    base       1951  1-4      60        2.0     7.0     1     deck-building, hand-management
///  bravo    base       1951  2-4      90        3.0     8.0     2     deck-building
///  charlie  base       1951  1-2      30        4.0     -       -     worker-placement
///  delta    base       1952  3-6      120       -       6.0     -     -
///  echo     expansion  1959  1-1      20        2.5     7.5     -     deck-building
///  foxtrot  base       -     2-5      45        1.5     6.5     -     melding
///  golf     base       1951  archived (never counted)             deck-building
/// </code>
/// </remarks>
internal static class StatisticsData
{
    public static readonly Guid Alpha = Guid.Parse("01900000-0000-7000-8000-0000000000a1");
    public static readonly Guid Bravo = Guid.Parse("01900000-0000-7000-8000-0000000000b2");
    public static readonly Guid Charlie = Guid.Parse("01900000-0000-7000-8000-0000000000c3");
    public static readonly Guid Delta = Guid.Parse("01900000-0000-7000-8000-0000000000d4");
    public static readonly Guid Echo = Guid.Parse("01900000-0000-7000-8000-0000000000e5");
    public static readonly Guid Foxtrot = Guid.Parse("01900000-0000-7000-8000-0000000000f6");
    public static readonly Guid Golf = Guid.Parse("01900000-0000-7000-8000-000000000007");

    /// <summary>A retired identifier of a game (answers 410).</summary>
    public const string RetiredSlug = "stat-retired";

    /// <summary>
    /// The ranking snapshots: for each date, the games in overall rank order (rank = position + 1).
    /// The first snapshot of the window and each year's last are 2022-01-01, 2022-12-01, 2023-12-01, 2024-03-01.
    /// </summary>
    public static readonly (DateOnly Date, Guid[] Order)[] Rankings =
    [
        (new(2022, 1, 1), [Alpha, Bravo, Charlie, Delta, Echo]),
        (new(2022, 7, 1), [Delta, Alpha, Bravo, Charlie, Echo]),
        (new(2022, 12, 1), [Alpha, Delta, Bravo, Charlie, Echo]),
        (new(2023, 6, 1), [Alpha, Bravo, Delta, Echo, Charlie]),
        (new(2023, 12, 1), [Delta, Alpha, Echo, Bravo, Charlie]),
        (new(2024, 3, 1), [Delta, Echo, Alpha, Charlie, Bravo]),
    ];

    /// <summary>The euro category: its members' ranks follow the overall order restricted to them (echo, charlie, bravo).</summary>
    public static readonly Guid[] Euro = [Echo, Charlie, Bravo];

    public static async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await ExecuteAsync(dataSource, """
            INSERT INTO games (id, slug, name, type, parent_game_id, year_published, min_players, max_players, max_playtime_minutes,
                               weight, average_rating, bayes_rating, rating_count, rank_overall, rating_distribution, rating_stddev, rating_confidence, status)
            VALUES ($1, 'stat-alpha', 'Stat Alpha', 'base_game', NULL, 1951, 1, 4, 60, 2.0, 7.0, 7.9, 10, 1, '{0,0,0,1,1,2,3,2,1,0}', 1.612, 0.274, 'active'),
                   ($2, 'stat-bravo', 'Stat Bravo', 'base_game', NULL, 1951, 2, 4, 90, 3.0, 8.0, 7.8, 20, 2, NULL, NULL, NULL, 'active'),
                   ($3, 'stat-charlie', 'Stat Charlie', 'base_game', NULL, 1951, 1, 2, 30, 4.0, NULL, NULL, 0, NULL, NULL, NULL, NULL, 'active'),
                   ($4, 'stat-delta', 'Stat Delta', 'base_game', NULL, 1952, 3, 6, 120, NULL, 6.0, 6.1, 5, NULL, NULL, NULL, NULL, 'active'),
                   ($5, 'stat-echo', 'Stat Echo', 'expansion', $1, 1959, 1, 1, 20, 2.5, 7.5, 7.0, 4, NULL, NULL, NULL, NULL, 'active'),
                   ($6, 'stat-foxtrot', 'Stat Foxtrot', 'base_game', NULL, NULL, 2, 5, 45, 1.5, 6.5, 6.4, 3, NULL, NULL, NULL, NULL, 'active'),
                   ($7, 'stat-golf', 'Stat Golf', 'base_game', NULL, 1951, 1, 9, 600, 5.0, 1.0, 1.0, 1, NULL, NULL, NULL, NULL, 'archived')
            """, Alpha, Bravo, Charlie, Delta, Echo, Foxtrot, Golf);
        await ExecuteAsync(dataSource, """
            INSERT INTO game_mechanics (game_id, mechanic_id)
            SELECT x.game_id, m.id FROM (VALUES ($1::uuid, 'deck-building'), ($1, 'hand-management'), ($2, 'deck-building'),
                                                ($3, 'worker-placement'), ($5, 'deck-building'), ($6, 'melding'), ($7, 'deck-building')) AS x(game_id, slug)
              JOIN mechanics m ON m.slug = x.slug
            """, Alpha, Bravo, Charlie, Delta, Echo, Foxtrot, Golf);
        await ExecuteAsync(dataSource, "INSERT INTO retired_identifiers (entity_type, identifier, reason) VALUES ('game', $1, 'merged')", RetiredSlug);

        // Weight votes of alpha: 1.0 and 1.2 → "1.0"; 1.25 → "1.5"; 2.74 → "2.5"; 2.75 and 3.0 → "3.0"; 4.9 and 5.0 → "5.0".
        await ExecuteAsync(dataSource, """
            INSERT INTO weight_votes (id, game_id, weight)
            SELECT gen_random_uuid(), $1, w FROM unnest(ARRAY[1.0, 1.2, 1.25, 2.74, 2.75, 3.0, 4.9, 5.0]) AS w
            """, Alpha);

        // Play logs of alpha: counted 30 (2p), 43 (2p), 50 (3p), 60 (3p), 100 (no count); not counted: 4 min, 1441 min, a campaign.
        await ExecuteAsync(dataSource, """
            INSERT INTO play_logs (id, game_id, duration_minutes, player_count, is_campaign)
            SELECT gen_random_uuid(), $1, d, p, c
              FROM (VALUES (30, 2, false), (43, 2, false), (50, 3, false), (60, 3, false), (100, NULL, false),
                           (4, 2, false), (1441, 3, false), (300, 4, true)) AS x(d, p, c)
            """, Alpha);

        // Polls of alpha (the per-count ratings of the sample games stay as seeded).
        await ExecuteAsync(dataSource, """
            INSERT INTO player_count_ratings (game_id, player_count, average_rating, rating_count, rating_stddev) VALUES ($1, 2, 4.5, 12, 0.5), ($1, 3, 3.1, 8, NULL);
            """, Alpha);
        await ExecuteAsync(dataSource, """
            INSERT INTO player_count_polls_legacy (game_id, player_count, best_votes, recommended_votes, not_recommended_votes) VALUES ($1, 2, 10, 4, 1), ($1, 4, 0, 3, 9)
            """, Alpha);
        await ExecuteAsync(dataSource, "INSERT INTO community_age_polls (game_id, suggested_age, vote_count) VALUES ($1, 12, 30), ($1, 8, 5), ($1, 14, 7)", Alpha);
        await ExecuteAsync(dataSource, """
            INSERT INTO language_dependence_polls (game_id, level, vote_count) VALUES ($1, 'unplayable_without_text', 2), ($1, 'no_text', 9), ($1, 'moderate_text', 4)
            """, Alpha);

        // Snapshots: every ranking date for the five ranked games; alpha's other columns follow the history tests.
        foreach (var (date, order) in Rankings)
        {
            for (var i = 0; i < order.Length; i++)
            {
                var euro = Array.IndexOf(Euro.Where(order.Contains).OrderBy(g => Array.IndexOf(order, g)).ToArray(), order[i]);
                await ExecuteAsync(dataSource, """
                    INSERT INTO game_snapshots (game_id, snapshot_date, average_rating, bayes_rating, rating_count, rating_confidence,
                                                weight, weight_votes, rank_overall, rank_by_category, play_count_period)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
                    """, order[i], date, (object?)AlphaRating(date) ?? DBNull.Value, 9m - 0.1m * (i + 1), AlphaCount(date), 0.5m, 2.5m, 8, i + 1,
                    euro < 0 ? DBNull.Value : $"{{\"euro\": {euro + 1}}}", (object?)AlphaPlays(date) ?? DBNull.Value);
            }
        }
    }

    /// <summary>Alpha's average rating per snapshot: 7.1, 7.2, … in date order (the other games share it; only alpha's are read).</summary>
    public static decimal? AlphaRating(DateOnly date) => 7.0m + 0.1m * (Array.FindIndex(Rankings, r => r.Date == date) + 1);

    public static int AlphaCount(DateOnly date) => 10 * (Array.FindIndex(Rankings, r => r.Date == date) + 1);

    /// <summary>Plays per snapshot period: 5, 7, 11, 13, none, 17.</summary>
    public static int? AlphaPlays(DateOnly date) => Array.FindIndex(Rankings, r => r.Date == date) switch
    {
        0 => 5, 1 => 7, 2 => 11, 3 => 13, 4 => null, _ => 17,
    };

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
