using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Writes <c>experience_playtime</c> and <c>experience_playtime_profiles</c> for the games whose
/// play logs the pipeline reads (or read at the last run): their rows become exactly what step 5b
/// computed (levels without counted logs and profiles without any are removed); other games keep
/// their imported rows. Only rows that change are written. Returns the rows deleted, inserted or updated.
/// </summary>
internal sealed class WriteExperienceStep : IPipelineStep
{
    public string Name => "write_experience";

    private const string Scope = """
        CREATE TEMP TABLE mat_experience_scope ON COMMIT DROP AS
        SELECT id AS game_id FROM mat_games WHERE from_plays OR had_plays
        """;

    private const string Levels = """
        WITH removed AS (
            DELETE FROM experience_playtime e
             WHERE e.game_id IN (SELECT game_id FROM mat_experience_scope)
               AND NOT EXISTS (SELECT 1 FROM mat_experience f WHERE f.game_id = e.game_id AND f.experience_level = e.experience_level)
            RETURNING 1),
        upserted AS (
            INSERT INTO experience_playtime AS e (game_id, experience_level, median_minutes, p10_minutes, p90_minutes, report_count)
            SELECT f.game_id, f.experience_level, f.median_minutes, f.p10_minutes, f.p90_minutes, f.report_count
              FROM mat_experience f
              LEFT JOIN experience_playtime stored ON stored.game_id = f.game_id AND stored.experience_level = f.experience_level
             -- Only new and changed rows reach ON CONFLICT, which would lock even the rows it leaves alone.
             WHERE (stored.median_minutes, stored.p10_minutes, stored.p90_minutes, stored.report_count)
                   IS DISTINCT FROM (f.median_minutes, f.p10_minutes, f.p90_minutes, f.report_count)
            ON CONFLICT (game_id, experience_level) DO UPDATE SET median_minutes = EXCLUDED.median_minutes,
                p10_minutes = EXCLUDED.p10_minutes, p90_minutes = EXCLUDED.p90_minutes, report_count = EXCLUDED.report_count
             WHERE (e.median_minutes, e.p10_minutes, e.p90_minutes, e.report_count)
                   IS DISTINCT FROM (EXCLUDED.median_minutes, EXCLUDED.p10_minutes, EXCLUDED.p90_minutes, EXCLUDED.report_count)
            RETURNING 1)
        SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM upserted)
        """;

    private const string Profiles = """
        WITH removed AS (
            DELETE FROM experience_playtime_profiles p
             WHERE p.game_id IN (SELECT game_id FROM mat_experience_scope)
               AND NOT EXISTS (SELECT 1 FROM mat_profiles f WHERE f.game_id = p.game_id)
            RETURNING 1),
        upserted AS (
            INSERT INTO experience_playtime_profiles AS p (game_id, sufficient_data, multiplier_first_play, multiplier_learning,
                multiplier_experienced, multiplier_expert, total_reports)
            SELECT f.game_id, f.sufficient_data, f.multiplier_first_play, f.multiplier_learning, f.multiplier_experienced,
                   f.multiplier_expert, f.total_reports
              FROM mat_profiles f
              LEFT JOIN experience_playtime_profiles stored ON stored.game_id = f.game_id
             WHERE (stored.sufficient_data, stored.multiplier_first_play, stored.multiplier_learning, stored.multiplier_experienced,
                    stored.multiplier_expert, stored.total_reports)
                   IS DISTINCT FROM (f.sufficient_data, f.multiplier_first_play, f.multiplier_learning, f.multiplier_experienced,
                    f.multiplier_expert, f.total_reports)
            ON CONFLICT (game_id) DO UPDATE SET sufficient_data = EXCLUDED.sufficient_data,
                multiplier_first_play = EXCLUDED.multiplier_first_play, multiplier_learning = EXCLUDED.multiplier_learning,
                multiplier_experienced = EXCLUDED.multiplier_experienced, multiplier_expert = EXCLUDED.multiplier_expert,
                total_reports = EXCLUDED.total_reports
             WHERE (p.sufficient_data, p.multiplier_first_play, p.multiplier_learning, p.multiplier_experienced,
                    p.multiplier_expert, p.total_reports)
                   IS DISTINCT FROM (EXCLUDED.sufficient_data, EXCLUDED.multiplier_first_play, EXCLUDED.multiplier_learning,
                    EXCLUDED.multiplier_experienced, EXCLUDED.multiplier_expert, EXCLUDED.total_reports)
            RETURNING 1)
        SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM upserted)
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        await context.ExecuteAsync(Scope, ct);
        return await context.ScalarAsync<long>(Levels, ct) + await context.ScalarAsync<long>(Profiles, ct);
    }
}
