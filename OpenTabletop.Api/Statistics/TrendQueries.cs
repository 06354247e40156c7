using Npgsql;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Data.ReadReplica;

namespace OpenTabletop.Api.Statistics;

/// <summary>One period's aggregates over the matching games (every TrendDataPoint field, and the player-count shares).</summary>
internal sealed record TrendRow(
    int? Period, int GameCount, double? AvgRating, double? AvgWeight, double? MedianWeight, double? WeightP25, double? WeightP75,
    double? AvgMinPlayers, double? AvgMaxPlayers, double? SoloSupportPct, double? AvgPlaytimeMinutes, IReadOnlyDictionary<string, double> SupportedPct,
    int WithoutYear);

/// <summary>
/// One (period, mechanic) count, with the period's game count. The first row (period and mechanic null)
/// carries the totals instead: the matching games without a year as its count, all matching games as its period's.
/// </summary>
internal sealed record MechanicTrendRow(int? Period, string? Mechanic, int GameCount, int PeriodGames);

/// <summary>
/// The trend aggregates: one GROUP BY over <c>game_facets g</c> (the list's narrow copy of the games)
/// restricted by the list's own filter SQL (<see cref="GameFilterSql"/>, active games only). The period
/// is <c>year_published</c> or its decade's first year (floor, so -2995 is in -3000's decade).
/// Averages and percentiles skip games without the value; percentiles are percentile_cont (linear
/// between neighbours, as the Materializer's). Rounding: ratings, weights and player counts to 2
/// places, percentages and minutes to 1 (numeric, halves away from zero).
/// </summary>
internal static class TrendQueries
{
    /// <summary>The counts of supported_pct: "1" … "8" (min ≤ n ≤ max), then "9+" (max ≥ 9).</summary>
    public static readonly string[] SupportedCounts = [.. Enumerable.Range(1, 8).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), "9+"];

    public static string PeriodSql(string groupBy) =>
        // Integer arithmetic (cheaper than a numeric division per row), flooring negative years too.
        groupBy == "decade" ? "(g.year_published - ((g.year_published % 10) + 10) % 10)" : "g.year_published";

    /// <summary>
    /// Rows per period, in period order, then (period null) the games without a year. With
    /// <paramref name="overall"/> (weight's scope=all) one row over every matching game whatever its year,
    /// whose period is the latest one among them.
    /// </summary>
    /// <remarks>
    /// The weight percentiles (an ordered-set aggregate, which forces a sort of every matching game) are
    /// computed only with <paramref name="percentiles"/> and the supported-count shares only with
    /// <paramref name="supports"/>; without percentiles the planner groups by hashing, several times faster.
    /// The fields left out come back null (shares: empty).
    /// </remarks>
    public static async Task<List<TrendRow>> AggregateAsync(
        ReadSource reads, GameFilterSql filter, string groupBy, bool overall, bool percentiles, bool supports, CancellationToken ct)
    {
        var period = PeriodSql(groupBy);
        var counts = !supports ? "NULL::int[]" : "ARRAY[" + string.Join(", ", Enumerable.Range(1, 8).Select(n => $"count(*) FILTER (WHERE g.min_players <= {n} AND g.max_players >= {n})")
            .Append("count(*) FILTER (WHERE g.min_players IS NOT NULL AND g.max_players >= 9)")) + "]::int[]";
        var weights = percentiles ? "percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY g.weight)" : "NULL::float8[]";
        var sql = $"""
            SELECT period, game_count, avg_rating, avg_weight,
                   round(w[2]::numeric, 2), round(w[1]::numeric, 2), round(w[3]::numeric, 2),
                   avg_min_players, avg_max_players,
                   CASE WHEN known_min > 0 THEN round(100.0 * solo / known_min, 1) END,
                   avg_playtime, known_range, supports, without_year
              FROM (SELECT {(overall ? $"max({period})" : period)} AS period, count(*)::int AS game_count,
                           round(avg(g.average_rating), 2) AS avg_rating,
                           round(avg(g.weight), 2) AS avg_weight,
                           {weights} AS w,
                           round(avg(g.min_players), 2) AS avg_min_players,
                           round(avg(g.max_players), 2) AS avg_max_players,
                           count(*) FILTER (WHERE g.min_players = 1) AS solo,
                           count(g.min_players) AS known_min,
                           round(avg(g.max_playtime_minutes), 1) AS avg_playtime,
                           count(*) FILTER (WHERE g.min_players IS NOT NULL AND g.max_players IS NOT NULL)::int AS known_range,
                           {counts} AS supports,
                           count(*) FILTER (WHERE g.year_published IS NULL)::int AS without_year
                      FROM game_facets g
                     WHERE {filter.Where}
                     {(overall ? "" : "GROUP BY 1")}) t
             WHERE game_count > 0
             ORDER BY period NULLS LAST
            """;
        return await StatisticsCommand.ReadAsync(reads, sql, filter.Values, reader =>
        {
            var knownRange = reader.GetInt32(11);
            var counts = reader.IsDBNull(12) ? null : reader.GetFieldValue<int[]>(12);
            var supported = counts is null ? new Dictionary<string, double>() : SupportedCounts.Select((key, i) => (key, i)).ToDictionary(
                x => x.key, x => knownRange == 0 ? 0 : (double)Math.Round(100m * counts[x.i] / knownRange, 1, MidpointRounding.AwayFromZero));
            return new TrendRow(
                reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetInt32(1),
                Number(reader, 2), Number(reader, 3), Number(reader, 4), Number(reader, 5), Number(reader, 6),
                Number(reader, 7), Number(reader, 8), Number(reader, 9), Number(reader, 10), supported, reader.GetInt32(13));
        }, ct);
    }

    /// <summary>
    /// Mechanic adoption: for each period that has matching games, one row per chosen mechanic (zero
    /// counts included), the mechanics being the <paramref name="limit"/> with the most matching games
    /// over all periods (ties by slug), among all mechanics or among <paramref name="parent"/>'s children
    /// (mechanics that list it in their lineage). Mechanics no matching game has are never chosen. The
    /// first row (period null) carries the totals (<see cref="MechanicTrendRow"/>).
    /// </summary>
    public static async Task<List<MechanicTrendRow>> MechanicsAsync(
        ReadSource reads, GameFilterSql filter, string groupBy, int limit, Guid? parent, CancellationToken ct)
    {
        var values = filter.Values.ToList();
        values.Add(limit);
        var limitParameter = "$" + values.Count;
        var candidates = "";
        if (parent is { } parentId)
        {
            values.Add(parentId);
            candidates = $"AND code IN (SELECT x.code FROM mechanic_ancestors a JOIN mechanics x ON x.id = a.mechanic_id WHERE a.ancestor_id = ${values.Count})";
        }
        // Two passes over the matching games: their number per period, and their mechanics per period
        // (unnest in the select list, which the planner runs as a ProjectSet, in parallel).
        var period = PeriodSql(groupBy);
        var sql = $"""
            WITH periods AS (SELECT {period} AS period, count(*)::int AS n FROM game_facets g WHERE {filter.Where} GROUP BY 1),
            counts AS (SELECT period, code, count(*)::int AS n
                         FROM (SELECT {period} AS period, unnest(g.mechanic_codes) AS code FROM game_facets g WHERE {filter.Where}) m
                        WHERE period IS NOT NULL {candidates}
                        GROUP BY period, code),
            chosen AS (SELECT t.code, t.slug, row_number() OVER (ORDER BY t.total DESC, t.slug) AS position
                         FROM (SELECT k.code, x.slug, sum(k.n) AS total FROM counts k JOIN mechanics x ON x.code = k.code GROUP BY k.code, x.slug) t
                        ORDER BY t.total DESC, t.slug
                        LIMIT {limitParameter})
            SELECT period, slug, n, period_games FROM (
                SELECT NULL::int AS period, NULL::text AS slug, coalesce((SELECT n FROM periods WHERE period IS NULL), 0) AS n,
                       coalesce((SELECT sum(n) FROM periods), 0)::int AS period_games, 0::bigint AS position
                UNION ALL
                SELECT p.period, c.slug, coalesce(k.n, 0), p.n, c.position
                  FROM periods p CROSS JOIN chosen c
                  LEFT JOIN counts k ON k.period = p.period AND k.code = c.code
                 WHERE p.period IS NOT NULL) u
             ORDER BY period NULLS FIRST, position
            """;
        return await StatisticsCommand.ReadAsync(reads, sql, values, reader => new MechanicTrendRow(
            reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetInt32(2), reader.GetInt32(3)), ct);
    }

    private static double? Number(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : (double)row.GetDecimal(ordinal);
}
