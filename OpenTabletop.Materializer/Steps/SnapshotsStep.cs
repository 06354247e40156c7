using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Monthly snapshots (ADR-0036): the first run of each calendar month (UTC) copies every game that
/// has ratings, weight votes or plays in the previous month into <c>game_snapshots</c> under the
/// first day of the month, upserting on <c>(game_id, snapshot_date)</c>; later runs of the month
/// find the period's rows and write nothing. <c>play_count_period</c> counts the play logs of the
/// previous month (the period the snapshot closes), by played_at (or the logging date when unknown).
/// Returns the rows written.
/// </summary>
internal sealed class SnapshotsStep : IPipelineStep
{
    public string Name => "snapshots";

    // $1 = the period (first day of this month), $2 = the first day of the previous month.
    private const string Sql = """
        INSERT INTO game_snapshots AS s (game_id, snapshot_date, average_rating, bayes_rating, rating_count, rating_confidence,
            weight, weight_votes, rank_overall, rank_by_category, play_count_period, owner_count)
        SELECT g.id, $1, g.average_rating, g.bayes_rating, g.rating_count, g.rating_confidence, g.weight, g.weight_votes,
               g.rank_overall, g.rank_by_category, coalesce(p.n, 0), g.owner_count
          FROM games g
          LEFT JOIN (SELECT game_id, count(*)::integer AS n FROM play_logs
                      WHERE coalesce(played_at, created_at::date) >= $2 AND coalesce(played_at, created_at::date) < $1
                      GROUP BY game_id) p ON p.game_id = g.id
         WHERE g.rating_count > 0 OR g.weight_votes > 0 OR p.n > 0
        ON CONFLICT (game_id, snapshot_date) DO UPDATE SET average_rating = EXCLUDED.average_rating,
            bayes_rating = EXCLUDED.bayes_rating, rating_count = EXCLUDED.rating_count, rating_confidence = EXCLUDED.rating_confidence,
            weight = EXCLUDED.weight, weight_votes = EXCLUDED.weight_votes, rank_overall = EXCLUDED.rank_overall,
            rank_by_category = EXCLUDED.rank_by_category, play_count_period = EXCLUDED.play_count_period, owner_count = EXCLUDED.owner_count
         WHERE (s.average_rating, s.bayes_rating, s.rating_count, s.rating_confidence, s.weight, s.weight_votes, s.rank_overall,
                s.rank_by_category, s.play_count_period, s.owner_count)
               IS DISTINCT FROM (EXCLUDED.average_rating, EXCLUDED.bayes_rating, EXCLUDED.rating_count, EXCLUDED.rating_confidence,
                EXCLUDED.weight, EXCLUDED.weight_votes, EXCLUDED.rank_overall, EXCLUDED.rank_by_category,
                EXCLUDED.play_count_period, EXCLUDED.owner_count)
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        var period = Period(context.RunDate);
        if (await context.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM game_snapshots WHERE snapshot_date = $1)", ct, period))
        {
            return 0;
        }
        return await context.ExecuteAsync(Sql, ct, period, period.AddMonths(-1));
    }

    /// <summary>The first day of the run's month: the snapshot date of its period.</summary>
    internal static DateOnly Period(DateOnly runDate) => new(runDate.Year, runDate.Month, 1);
}
