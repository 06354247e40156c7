using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Step 2, the population statistics, from the fresh per-game values of step 1 over the active
/// base games with ratings (expansions and promos would count a game family several times):
/// <list type="bullet">
/// <item>global_mean = the mean of their average_rating, each game once (3 places);</item>
/// <item>the Dirichlet prior of bayes_rating: MATERIALIZE_PRIOR_VOTES pseudo-votes spread over the
/// buckets 1..10 in the shape of the average base game's histogram (the mean of each game's share
/// of votes per bucket, 6 places), so that an unknown game is expected to look like the typical game.
/// With no histogram to learn from, the prior is uniform (mean 5.5, the middle of the scale).</item>
/// </list>
/// Into <c>mat_globals</c> (one row).
/// </summary>
internal sealed class GlobalMeanStep : IPipelineStep
{
    public string Name => "global_mean";

    // $1 = total prior votes. A histogram counts only when it adds up to the game's rating count
    // (imported samples need not be consistent).
    private static readonly string Sql = $"""
        CREATE TEMP TABLE mat_globals ON COMMIT DROP AS
        WITH rated AS (
            SELECT average_rating, rating_count, rating_distribution AS d FROM mat_games
             WHERE type = 'base_game' AND status = 'active' AND rating_count > 0 AND average_rating IS NOT NULL),
        shape AS (
            SELECT {string.Join(", ", Enumerable.Range(1, 10).Select(i => $"avg(d[{i}]::numeric / rating_count) AS s{i}"))}, count(*) AS games
              FROM rated WHERE {BucketSum("d")} = rating_count)
        SELECT (SELECT round(avg(average_rating), 3) FROM rated) AS global_mean,
               (SELECT count(*) FROM rated)::integer AS rated_base_games,
               CASE WHEN shape.games > 0 THEN ARRAY[{string.Join(", ", Enumerable.Range(1, 10).Select(i => $"round($1 * s{i}, 6)"))}]
                    ELSE array_fill(round($1 / 10.0, 6), ARRAY[10]) END AS prior_votes
          FROM shape
        """;

    /// <summary>d[1] + ... + d[10] of a histogram column: a row expression, no unnest per row.</summary>
    internal static string BucketSum(string column) => string.Join(" + ", Enumerable.Range(1, 10).Select(i => $"{column}[{i}]"));

    /// <summary>1·d[1] + ... + 10·d[10]: the histogram's total utility.</summary>
    internal static string BucketUtility(string column) => string.Join(" + ", Enumerable.Range(1, 10).Select(i => $"{i} * {column}[{i}]"));

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        await context.ExecuteAsync(Sql, ct, (decimal)context.Settings.PriorVotes);
        return await context.ScalarAsync<long>("SELECT rated_base_games FROM mat_globals", ct);
    }
}
