using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Step 5a, top_player_counts and recommended_player_counts from the per-count community ratings
/// (1-5 scale): the counts rated at least 4.0 and at least 3.0 (SPEC-DECISIONS), ascending; an empty
/// array when none reaches it, null for a game with no per-count ratings. Into <c>mat_player_counts</c>.
/// </summary>
internal sealed class PlayerCountsStep : IPipelineStep
{
    public string Name => "player_counts";

    internal const decimal TopThreshold = 4.0m;
    internal const decimal RecommendedThreshold = 3.0m;

    private const string Sql = """
        CREATE TEMP TABLE mat_player_counts ON COMMIT DROP AS
        SELECT game_id AS id,
               coalesce(array_agg(player_count ORDER BY player_count) FILTER (WHERE average_rating >= $1), '{}') AS top_player_counts,
               coalesce(array_agg(player_count ORDER BY player_count) FILTER (WHERE average_rating >= $2), '{}') AS recommended_player_counts
          FROM player_count_ratings
         GROUP BY game_id
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct) =>
        await context.CreateAsync("mat_player_counts", Sql, ct, TopThreshold, RecommendedThreshold);
}
