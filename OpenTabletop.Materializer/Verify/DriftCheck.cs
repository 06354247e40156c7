using System.Globalization;
using Npgsql;
using OpenTabletop.Materializer.Pipeline;
using OpenTabletop.Materializer.Steps;

namespace OpenTabletop.Materializer.Verify;

/// <summary>
/// <c>--verify</c>: recomputes every aggregate into the scratch tables (the pipeline's compute
/// steps, in a transaction that is rolled back, so nothing is written) and compares them with what
/// games and the experience tables hold.
/// </summary>
internal sealed class DriftCheck(NpgsqlDataSource dataSource, MaterializationPipeline pipeline)
{
    public async Task<DriftReport> RunAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (transaction, _) = await pipeline.ComputeAsync(connection, ct);
        await using (transaction)
        {
            var context = new PipelineContext(connection, pipeline.Settings, DateOnly.FromDateTime(DateTime.UtcNow));
            await FreshGames.CreateAsync(context, ct);
            var columns = await CompareGamesAsync(context, ct);
            var experience = await context.ScalarAsync<long>(ExperienceDifferences, ct);
            await transaction.RollbackAsync(ct);
            return new DriftReport(columns, experience);
        }
    }

    private static async Task<List<ColumnDrift>> CompareGamesAsync(PipelineContext context, CancellationToken ct)
    {
        // Per column: games that differ, games where a value appeared or vanished, the largest
        // relative difference (numbers), and the first few slugs. Column names are constants.
        var selects = FreshGames.Columns.Select(c =>
        {
            var differs = $"g.{c.Column} IS DISTINCT FROM f.{c.Column}";
            var relative = c.Kind == AggregateKind.Number
                ? $"max((abs(g.{c.Column} - f.{c.Column}) / greatest(abs(f.{c.Column}), 1e-9))::float8) FILTER (WHERE {differs})"
                : "NULL::float8";
            return $"count(*) FILTER (WHERE {differs}), count(*) FILTER (WHERE {differs} AND (g.{c.Column} IS NULL OR f.{c.Column} IS NULL)), " +
                   $"{relative}, (array_agg(g.slug::text ORDER BY g.slug) FILTER (WHERE {differs}))[1:3]";
        });
        var sql = $"SELECT {string.Join(", ", selects)} FROM games g JOIN mat_fresh f ON f.id = g.id";

        var drift = new List<ColumnDrift>();
        await using var command = context.Command(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        for (var i = 0; i < FreshGames.Columns.Count; i++)
        {
            var (column, kind) = FreshGames.Columns[i];
            var games = reader.GetInt64(4 * i);
            if (games == 0) continue;
            var appeared = reader.GetInt64(4 * i + 1);
            double? relative = reader.IsDBNull(4 * i + 2) ? null : reader.GetDouble(4 * i + 2);
            var examples = reader.IsDBNull(4 * i + 3) ? [] : reader.GetFieldValue<string[]>(4 * i + 3);
            var major = appeared > 0 || kind == AggregateKind.Structure || relative is null or >= DriftReport.MinorLimit;
            drift.Add(new ColumnDrift(column, games, relative, major, examples));
        }
        return drift;
    }

    // Rows of the games whose experience the pipeline owns, on either side only.
    private const string ExperienceDifferences = """
        WITH scope AS (SELECT id FROM mat_games WHERE from_plays OR had_plays),
        stored AS (SELECT game_id, experience_level, median_minutes, p10_minutes, p90_minutes, report_count
                     FROM experience_playtime WHERE game_id IN (SELECT id FROM scope)),
        fresh AS (SELECT game_id, experience_level, median_minutes, p10_minutes, p90_minutes, report_count FROM mat_experience),
        stored_profiles AS (SELECT game_id, sufficient_data, multiplier_first_play, multiplier_learning, multiplier_experienced,
                                   multiplier_expert, total_reports
                              FROM experience_playtime_profiles WHERE game_id IN (SELECT id FROM scope)),
        fresh_profiles AS (SELECT game_id, sufficient_data, multiplier_first_play, multiplier_learning, multiplier_experienced,
                                  multiplier_expert, total_reports FROM mat_profiles)
        SELECT (SELECT count(*) FROM ((SELECT * FROM stored EXCEPT SELECT * FROM fresh) UNION ALL (SELECT * FROM fresh EXCEPT SELECT * FROM stored)) d)
             + (SELECT count(*) FROM ((SELECT * FROM stored_profiles EXCEPT SELECT * FROM fresh_profiles)
                                      UNION ALL (SELECT * FROM fresh_profiles EXCEPT SELECT * FROM stored_profiles)) p)
        """;

    /// <summary>The report as log lines: one per drifting column, then the verdict.</summary>
    public static IEnumerable<string> Describe(DriftReport report)
    {
        foreach (var column in report.Columns)
        {
            var relative = column.LargestRelative is { } r ? string.Create(CultureInfo.InvariantCulture, $", largest difference {r * 100:0.####} %") : "";
            yield return $"{column.Column}: {column.Games} game(s) differ{relative} ({(column.Major ? "major" : "minor")}); e.g. {string.Join(", ", column.Examples)}";
        }
        if (report.ExperienceRows > 0) yield return $"experience playtime: {report.ExperienceRows} row(s) differ (major)";
        yield return $"Verify: {report.Verdict}.";
    }
}
