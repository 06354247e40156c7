using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Step 5b, experience-bucketed playtime (returns the games with a profile) from the counted play logs (as community playtime: not
/// campaigns, 5 minutes to 24 hours) that name an experience level: per level the median, p10 and
/// p90 (percentile_cont, rounded half to even) and the report count; per game the multipliers
/// <c>median[level] / median[experienced]</c> to 2 places, with <c>sufficient_data</c> only when
/// all four levels have at least MATERIALIZE_EXPERIENCE_MIN_REPORTS reports, else the global
/// defaults 1.50 / 1.25 / 1.00 / 0.85 (a ratio is capped at 99.99, what the column holds). Into <c>mat_experience</c> and <c>mat_profiles</c>.
/// </summary>
internal sealed class ExperienceMultipliersStep : IPipelineStep
{
    public string Name => "experience_multipliers";

    private const string Levels = $"""
        CREATE TEMP TABLE mat_experience ON COMMIT DROP AS
        SELECT game_id, experience_level, round(p[2])::integer AS median_minutes, round(p[1])::integer AS p10_minutes,
               round(p[3])::integer AS p90_minutes, report_count
          FROM (SELECT game_id, experience_level, count(*)::integer AS report_count,
                       percentile_cont(ARRAY[0.1, 0.5, 0.9]) WITHIN GROUP (ORDER BY duration_minutes) AS p
                  FROM play_logs
                 WHERE experience_level IS NOT NULL AND {AggregatesStep.CountedPlay}
                 GROUP BY game_id, experience_level) l
        """;

    // $1 = MATERIALIZE_EXPERIENCE_MIN_REPORTS.
    private const string Profiles = """
        CREATE TEMP TABLE mat_profiles ON COMMIT DROP AS
        SELECT game_id, sufficient_data,
               CASE WHEN sufficient_data THEN least(round(first_play::numeric / experienced, 2), 99.99) ELSE 1.50 END AS multiplier_first_play,
               CASE WHEN sufficient_data THEN least(round(learning::numeric / experienced, 2), 99.99) ELSE 1.25 END AS multiplier_learning,
               1.00 AS multiplier_experienced,
               CASE WHEN sufficient_data THEN least(round(expert::numeric / experienced, 2), 99.99) ELSE 0.85 END AS multiplier_expert,
               total_reports
          FROM (SELECT game_id,
                       count(*) FILTER (WHERE report_count >= $1) = 4 AS sufficient_data,
                       max(median_minutes) FILTER (WHERE experience_level = 'first_play') AS first_play,
                       max(median_minutes) FILTER (WHERE experience_level = 'learning') AS learning,
                       max(median_minutes) FILTER (WHERE experience_level = 'experienced') AS experienced,
                       max(median_minutes) FILTER (WHERE experience_level = 'expert') AS expert,
                       sum(report_count)::integer AS total_reports
                  FROM mat_experience GROUP BY game_id) medians
        """;

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        await context.ExecuteAsync(Levels, ct);
        return await context.CreateAsync("mat_profiles", Profiles, ct, context.Settings.ExperienceMinReports);
    }
}
