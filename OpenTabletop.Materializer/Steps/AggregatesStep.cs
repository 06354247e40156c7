using OpenTabletop.Data.Statistics;
using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Step 1, per-game aggregates from the raw tables, each in one GROUP BY pass, into
/// <c>mat_games</c> (one row per game, with the values the later steps and the write use):
/// <list type="bullet">
/// <item>ratings: each vote normalised to the 1-10 scale as <c>rating × 10 / declared_scale</c>
/// (no declared scale = 10); average_rating = mean (3 places), rating_stddev = population standard
/// deviation (3 places), rating_distribution = counts per bucket 1..10, a normalised value going to
/// the bucket it rounds to (halves up).</item>
/// <item>weight = mean of the weight votes (3 places), weight_votes = their count.</item>
/// <item>total_plays = play logs; community playtime = p10/p50/p90 (percentile_cont, rounded half to
/// even) of the non-campaign logs of 5 minutes to 24 hours, when there are at least
/// MATERIALIZE_PLAYTIME_MIN_LOGS of them.</item>
/// <item>owner_count / wishlist_count = collection entries with that status.</item>
/// </list>
/// A game with no raw rows of a kind keeps the stored values of that kind (imported aggregates,
/// like the spec's samples), unless the last run computed them from raw rows that have since
/// vanished (<c>game_aggregate_sources</c>): then they are reset to null and the counts to 0.
/// </summary>
internal sealed class AggregatesStep : IPipelineStep
{
    public string Name => "aggregates";

    /// <summary>Counted play logs (<see cref="PlayLogRules.Counted"/>): sessions, not campaigns, neither mis-entered nor left running.</summary>
    internal const string CountedPlay = PlayLogRules.Counted;

    private const string Ratings = """
        CREATE TEMP TABLE mat_ratings ON COMMIT DROP AS
        SELECT game_id, sum(c)::integer AS n, sum(v * c) AS s, sum(v * v * c) AS ss,
               ARRAY[BUCKETS]::integer[] AS distribution
          FROM (SELECT game_id, v, c, least(10, greatest(1, round(v)))::integer AS bucket
                  -- Counting each distinct (rating, scale) first keeps the numeric work to a few rows per game;
                  -- a 10-point vote is its own value (no division, so no 16-digit quotient to carry along).
                  FROM (SELECT game_id, CASE WHEN coalesce(declared_scale, 10) = 10 THEN rating ELSE rating * 10 / declared_scale END AS v,
                               count(*) AS c
                          FROM rating_votes GROUP BY game_id, rating, declared_scale) per_value) bucketed
         GROUP BY game_id
        """;

    private const string Weights = """
        CREATE TEMP TABLE mat_weights ON COMMIT DROP AS
        SELECT game_id, count(*)::integer AS n, sum(weight) AS s FROM weight_votes GROUP BY game_id
        """;

    private const string Plays = $"""
        CREATE TEMP TABLE mat_plays ON COMMIT DROP AS
        SELECT game_id, count(*)::integer AS total, count(*) FILTER (WHERE counted)::integer AS counted,
               percentile_cont(ARRAY[0.1, 0.5, 0.9]) WITHIN GROUP (ORDER BY duration_minutes) FILTER (WHERE counted) AS p
          FROM (SELECT game_id, duration_minutes, {CountedPlay} AS counted FROM play_logs) l
         GROUP BY game_id
        """;

    private const string Collections = """
        CREATE TEMP TABLE mat_collections ON COMMIT DROP AS
        SELECT game_id, count(*) FILTER (WHERE status = 'owned')::integer AS owned,
               count(*) FILTER (WHERE status = 'wishlist')::integer AS wishlist
          FROM collection_entries GROUP BY game_id
        """;

    // $1 = MATERIALIZE_PLAYTIME_MIN_LOGS. For each kind: computed when raw rows exist, reset when
    // they vanished since the last run, else the stored (imported) value.
    private const string Games = """
        CREATE TEMP TABLE mat_games ON COMMIT DROP AS
        SELECT g.id, g.type, g.status,
               r.game_id IS NOT NULL AS from_ratings, w.game_id IS NOT NULL AS from_weights,
               p.game_id IS NOT NULL AS from_plays, c.game_id IS NOT NULL AS from_collections,
               coalesce(src.plays, false) AS had_plays,
               CASE WHEN r.game_id IS NOT NULL THEN round(r.s / r.n, 3) WHEN src.ratings THEN NULL ELSE g.average_rating END AS average_rating,
               CASE WHEN r.game_id IS NOT NULL THEN r.n WHEN src.ratings THEN 0 ELSE g.rating_count END AS rating_count,
               CASE WHEN r.game_id IS NOT NULL THEN round(sqrt(greatest(r.ss / r.n - (r.s / r.n) * (r.s / r.n), 0)), 3)
                    WHEN src.ratings THEN NULL ELSE g.rating_stddev END AS rating_stddev,
               CASE WHEN r.game_id IS NOT NULL THEN r.distribution WHEN src.ratings THEN NULL ELSE g.rating_distribution END AS rating_distribution,
               CASE WHEN w.game_id IS NOT NULL THEN round(w.s / w.n, 3) WHEN src.weights THEN NULL ELSE g.weight END AS weight,
               CASE WHEN w.game_id IS NOT NULL THEN w.n WHEN src.weights THEN 0 ELSE g.weight_votes END AS weight_votes,
               CASE WHEN p.game_id IS NOT NULL THEN p.total WHEN src.plays THEN 0 ELSE g.total_plays END AS total_plays,
               CASE WHEN p.game_id IS NOT NULL THEN CASE WHEN p.counted >= $1 THEN round(p.p[1])::integer END
                    WHEN src.plays THEN NULL ELSE g.community_playtime_min_minutes END AS community_playtime_min_minutes,
               CASE WHEN p.game_id IS NOT NULL THEN CASE WHEN p.counted >= $1 THEN round(p.p[2])::integer END
                    WHEN src.plays THEN NULL ELSE g.community_playtime_median_minutes END AS community_playtime_median_minutes,
               CASE WHEN p.game_id IS NOT NULL THEN CASE WHEN p.counted >= $1 THEN round(p.p[3])::integer END
                    WHEN src.plays THEN NULL ELSE g.community_playtime_max_minutes END AS community_playtime_max_minutes,
               CASE WHEN c.game_id IS NOT NULL THEN c.owned WHEN src.collections THEN 0 ELSE g.owner_count END AS owner_count,
               CASE WHEN c.game_id IS NOT NULL THEN c.wishlist WHEN src.collections THEN 0 ELSE g.wishlist_count END AS wishlist_count
          FROM games g
          LEFT JOIN mat_ratings r ON r.game_id = g.id
          LEFT JOIN mat_weights w ON w.game_id = g.id
          LEFT JOIN mat_plays p ON p.game_id = g.id
          LEFT JOIN mat_collections c ON c.game_id = g.id
          LEFT JOIN game_aggregate_sources src ON src.game_id = g.id
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        await context.ExecuteAsync(Ratings.Replace("BUCKETS", Buckets, StringComparison.Ordinal), ct);
        await context.ExecuteAsync(Weights, ct);
        await context.ExecuteAsync(Plays, ct);
        await context.ExecuteAsync(Collections, ct);
        await context.ExecuteAsync(Games, ct, context.Settings.PlaytimeMinLogs);
        // Temporary tables get no statistics on their own; the joins that follow are planned on these
        // (the key columns only: statistics of the arrays would cost more than the joins they plan).
        await context.ExecuteAsync("ANALYZE mat_games (id, type, status, rating_count)", ct);
        return await context.ScalarAsync<long>(
            "SELECT count(*) FROM mat_games WHERE from_ratings OR from_weights OR from_plays OR from_collections", ct);
    }

    // coalesce(sum(c) FILTER (WHERE bucket = 1), 0), ... for the buckets 1..10.
    private static readonly string Buckets = string.Join(", ",
        Enumerable.Range(1, 10).Select(i => $"coalesce(sum(c) FILTER (WHERE bucket = {i}), 0)"));
}
