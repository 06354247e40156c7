using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Step 4, bayes_rating and the ranks.
/// <list type="bullet">
/// <item>bayes_rating = Σ i·(prior[i] + votes[i]) / Σ (prior[i] + votes[i]) over the buckets
/// i = 1..10 (the mean of the Dirichlet posterior), 3 places. A game whose histogram is missing or
/// does not add up to its count (imported aggregates) uses count × average_rating for Σ i·votes[i].</item>
/// <item>rank_overall: the active base games with at least MATERIALIZE_RANK_MIN_RATINGS ratings,
/// by bayes_rating descending, then rating_count descending, then id: no two games share a rank.</item>
/// <item>rank_by_category: the same order within each of the game's categories, as
/// <c>{"category-slug": rank}</c>; null for unranked games and games without categories.</item>
/// </list>
/// Into <c>mat_bayes</c>, <c>mat_ranks</c> and <c>mat_category_ranks</c>.
/// </summary>
internal sealed class BayesAndRanksStep : IPipelineStep
{
    public string Name => "bayes_and_ranks";

    private static readonly string Bayes = $"""
        CREATE TEMP TABLE mat_bayes ON COMMIT DROP AS
        WITH prior AS (
            SELECT {GlobalMeanStep.BucketSum("prior_votes")} AS votes, {GlobalMeanStep.BucketUtility("prior_votes")} AS utility FROM mat_globals)
        SELECT m.id, m.type, m.status, m.rating_count,
               round((prior.utility + CASE WHEN {GlobalMeanStep.BucketSum("m.rating_distribution")} = m.rating_count
                                           THEN {GlobalMeanStep.BucketUtility("m.rating_distribution")}
                                           ELSE m.rating_count * m.average_rating END)
                     / (prior.votes + m.rating_count), 3) AS bayes_rating
          FROM mat_games m CROSS JOIN prior
         WHERE m.rating_count > 0 AND m.average_rating IS NOT NULL
        """;

    // $1 = MATERIALIZE_RANK_MIN_RATINGS.
    private const string Ranks = """
        CREATE TEMP TABLE mat_ranks ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY bayes_rating DESC, rating_count DESC, id)::integer AS rank_overall
          FROM mat_bayes
         WHERE type = 'base_game' AND status = 'active' AND rating_count >= $1
        """;

    private const string CategoryRanks = """
        CREATE TEMP TABLE mat_category_ranks ON COMMIT DROP AS
        SELECT id, jsonb_object_agg(slug, rank) AS rank_by_category
          FROM (SELECT b.id, c.slug,
                       row_number() OVER (PARTITION BY gc.category_id ORDER BY b.bayes_rating DESC, b.rating_count DESC, b.id) AS rank
                  FROM mat_ranks k
                  JOIN mat_bayes b ON b.id = k.id
                  JOIN game_categories gc ON gc.game_id = k.id
                  JOIN categories c ON c.id = gc.category_id) ranked
         GROUP BY id
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        await context.ExecuteAsync(Bayes, ct);
        await context.ExecuteAsync("ANALYZE mat_bayes (id, type, status, rating_count)", ct);
        var ranked = await context.CreateAsync("mat_ranks", Ranks, ct, context.Settings.RankMinRatings);
        await context.ExecuteAsync(CategoryRanks, ct);
        return ranked;
    }
}
