using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Step 3, rating_confidence of every rated game, by the SQL function <c>rating_confidence(n,
/// mean, sd, global_mean)</c> of migration 0018 (the published formula; README "Statistics
/// pipeline"), from the game's fresh count, mean and spread and the global mean of step 2.
/// Into <c>mat_confidence</c>.
/// </summary>
internal sealed class RatingConfidenceStep : IPipelineStep
{
    public string Name => "rating_confidence";

    private const string Sql = """
        CREATE TEMP TABLE mat_confidence ON COMMIT DROP AS
        SELECT m.id, rating_confidence(m.rating_count, m.average_rating, m.rating_stddev, gl.global_mean) AS rating_confidence
          FROM mat_games m CROSS JOIN mat_globals gl
         WHERE m.rating_count > 0 AND m.average_rating IS NOT NULL
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct) =>
        await context.CreateAsync("mat_confidence", Sql, ct);
}
