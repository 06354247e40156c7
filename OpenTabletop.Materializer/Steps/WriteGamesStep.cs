using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Writes the fresh aggregates into <c>games</c>, only the rows where some value differs (so a run
/// without new data writes nothing and no <c>updated_at</c> moves; <c>updated_at</c> is the time of
/// the last aggregate change, as the spec has it), then the sources each game's aggregates came from
/// and the global statistics. Notes which games changed weight or player counts, whose effective
/// variants must follow. Returns the games rows written.
/// </summary>
internal sealed class WriteGamesStep : IPipelineStep
{
    public string Name => "write_games";

    private static readonly string VariantScope = """
        CREATE TEMP TABLE mat_variant_scope ON COMMIT DROP AS
        SELECT f.id FROM mat_fresh f JOIN games g ON g.id = f.id
         WHERE (g.weight, g.top_player_counts, g.recommended_player_counts)
               IS DISTINCT FROM (f.weight, f.top_player_counts, f.recommended_player_counts)
        """;

    private static readonly string Games = $"""
        UPDATE games g SET ({FreshGames.List()}) = ({FreshGames.List("f")}), updated_at = now()
          FROM mat_fresh f
         WHERE g.id = f.id AND ({FreshGames.List("g")}) IS DISTINCT FROM ({FreshGames.List("f")})
        """;

    private const string Sources = """
        WITH fresh AS (
            SELECT id, from_ratings, from_weights, from_plays, from_collections FROM mat_games
             WHERE from_ratings OR from_weights OR from_plays OR from_collections),
        removed AS (
            DELETE FROM game_aggregate_sources s WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.id = s.game_id) RETURNING 1),
        upserted AS (
            INSERT INTO game_aggregate_sources AS s (game_id, ratings, weights, plays, collections)
            SELECT f.id, f.from_ratings, f.from_weights, f.from_plays, f.from_collections
              FROM fresh f LEFT JOIN game_aggregate_sources stored ON stored.game_id = f.id
             -- Only new and changed rows reach ON CONFLICT, which would lock even the rows it leaves alone.
             WHERE (stored.ratings, stored.weights, stored.plays, stored.collections) IS DISTINCT FROM (f.from_ratings, f.from_weights, f.from_plays, f.from_collections)
            ON CONFLICT (game_id) DO UPDATE SET ratings = EXCLUDED.ratings, weights = EXCLUDED.weights,
                plays = EXCLUDED.plays, collections = EXCLUDED.collections
             WHERE (s.ratings, s.weights, s.plays, s.collections)
                   IS DISTINCT FROM (EXCLUDED.ratings, EXCLUDED.weights, EXCLUDED.plays, EXCLUDED.collections)
            RETURNING 1)
        SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM upserted)
        """;

    private const string Globals = """
        INSERT INTO materialization_globals AS t (singleton, global_mean, rated_base_games, prior_votes, changed_at)
        SELECT true, global_mean, rated_base_games, prior_votes, now() FROM mat_globals
        ON CONFLICT (singleton) DO UPDATE SET global_mean = EXCLUDED.global_mean, rated_base_games = EXCLUDED.rated_base_games,
            prior_votes = EXCLUDED.prior_votes, changed_at = EXCLUDED.changed_at
         WHERE (t.global_mean, t.rated_base_games, t.prior_votes)
               IS DISTINCT FROM (EXCLUDED.global_mean, EXCLUDED.rated_base_games, EXCLUDED.prior_votes)
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        await FreshGames.CreateAsync(context, ct);
        await context.ExecuteAsync(VariantScope, ct);
        var written = await context.ExecuteAsync(Games, ct);
        await context.ScalarAsync<long>(Sources, ct);
        await context.ExecuteAsync(Globals, ct);
        return written;
    }
}
