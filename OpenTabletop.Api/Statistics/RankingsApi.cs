using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Data.ReadReplica;

namespace OpenTabletop.Api.Statistics;

/// <summary>
/// Longitudinal rankings from <c>game_snapshots</c> (ADR-0036): the overall rank (<c>rank_overall</c>)
/// or a category's (<c>rank_by_category</c>, scope = the category's slug) as each snapshot recorded it.
/// </summary>
internal static class RankingsApi
{
    public static RouteGroupBuilder MapRankings(this RouteGroupBuilder statistics)
    {
        statistics.MapGet("/rankings/history", GetRankingHistory)
            .WithName("getRankingHistory").WithSummary("The top of a ranking at a past date")
            .Describes("scope", "overall, or a category slug (its rank_by_category).", defaultValue: "overall")
            .Describes("top", "How many ranks.", range: (1, 100, 10))
            .Describes("date", "The ranking of the latest snapshot on or before this date (default today).", format: "date")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        statistics.MapGet("/rankings/transitions", GetRankingTransitions)
            .WithName("getRankingTransitions").WithSummary("Games that entered, left or stayed in the top of a ranking")
            .Describes("scope", "overall, or a category slug (its rank_by_category).", defaultValue: "overall")
            .Describes("top", "How many ranks.", range: (1, 100, 10))
            .Describes("year_min", "First year of the window (default: the first snapshot's).", range: (1, 9999, 1))
            .Describes("year_max", "Last year of the window (default: the last snapshot's).", range: (1, 9999, 9999))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        return statistics;
    }

    internal static async Task<Results<Ok<RankingHistoryResponse>, ProblemHttpResult>> GetRankingHistory(
        [FromQuery(Name = "scope")] string? scope, [FromQuery(Name = "top")] string? top, [FromQuery(Name = "date")] string? date,
        HttpRequest request, ReadSource reads, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var category = Scope(scope, errors);
        var count = StatisticsRules.Whole("top", top, 1, 100, errors) ?? 10;
        var asOf = StatisticsRules.Date("date", date, errors) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        if (errors.Count > 0) return StatisticsRules.BadRequest(errors);

        var sql = $"""
            WITH d AS (SELECT snapshot_date FROM game_snapshots WHERE snapshot_date <= $1 ORDER BY snapshot_date DESC LIMIT 1)
            SELECT d.snapshot_date, r.rank, g.slug, r.bayes_rating
              FROM d
              LEFT JOIN LATERAL ({TopOf("d.snapshot_date", category is not null)}) r ON true
              LEFT JOIN games g ON g.id = r.game_id
             ORDER BY r.rank
            """;
        var (known, rows) = await RunAsync(reads, category, sql, [asOf, count], ct);
        if (!known) return UnknownCategory(category!);
        var data = rows.Where(r => r.Slug is not null).Select(r => new RankedGameResponse(r.Rank!.Value, r.Slug!, r.Bayes)).ToList();
        return TypedResults.Ok(new RankingHistoryResponse(category ?? "overall", rows.FirstOrDefault()?.Date, data, Self(request)));
    }

    internal static async Task<Results<Ok<RankingTransitionsResponse>, ProblemHttpResult>> GetRankingTransitions(
        [FromQuery(Name = "scope")] string? scope, [FromQuery(Name = "top")] string? top,
        [FromQuery(Name = "year_min")] string? yearMin, [FromQuery(Name = "year_max")] string? yearMax,
        HttpRequest request, ReadSource reads, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var category = Scope(scope, errors);
        var count = StatisticsRules.Whole("top", top, 1, 100, errors) ?? 10;
        var first = StatisticsRules.Whole("year_min", yearMin, 1, 9999, errors);
        var last = StatisticsRules.Whole("year_max", yearMax, 1, 9999, errors);
        StatisticsRules.Ordered("year_min", first, "year_max", last, errors);
        if (errors.Count > 0) return StatisticsRules.BadRequest(errors);

        // The window's snapshot dates by a loose index scan (one index probe per date, not one per row);
        // of those, the points compared: the window's first snapshot and the last snapshot of each year
        // (as /games/{id}/history?granularity=yearly), each with its top N.
        var sql = $"""
            WITH RECURSIVE dates(d) AS (
                (SELECT snapshot_date FROM game_snapshots WHERE snapshot_date BETWEEN $1 AND $2 ORDER BY snapshot_date LIMIT 1)
                UNION ALL
                SELECT (SELECT s.snapshot_date FROM game_snapshots s WHERE s.snapshot_date > dates.d AND s.snapshot_date <= $2
                         ORDER BY s.snapshot_date LIMIT 1)
                  FROM dates WHERE dates.d IS NOT NULL),
            points(d) AS (SELECT min(d) FROM dates UNION SELECT max(d) FROM dates WHERE d IS NOT NULL GROUP BY date_trunc('year', d))
            SELECT points.d, r.rank, g.slug, r.bayes_rating
              FROM points
              LEFT JOIN LATERAL ({TopOf("points.d", category is not null)}) r ON true
              LEFT JOIN games g ON g.id = r.game_id
             WHERE points.d IS NOT NULL
             ORDER BY points.d, r.rank
            """;
        var window = (From: new DateOnly(first ?? 1, 1, 1), To: new DateOnly(last ?? 9999, 12, 31));
        var (known, rows) = await RunAsync(reads, category, sql, [window.From, window.To, count], ct);
        if (!known) return UnknownCategory(category!);
        var transitions = RankingTransitions.Compute(rows.Select(r => (r.Date, r.Slug, r.Rank)).ToList());
        return TypedResults.Ok(new RankingTransitionsResponse(category ?? "overall", count, transitions.From, transitions.To,
            transitions.Entered, transitions.Exited, transitions.Stable, Self(request)));
    }

    /// <summary>
    /// A date's top N (<c>$3</c>, or <c>$2</c> for one date) of the ranking. For a category (<c>$4</c>/<c>$3</c>,
    /// its slug) the walk goes down the overall rank and stops at the N-th game ranked within the
    /// category: the Materializer ranks a category in the overall order restricted to its games, so
    /// those are the category's top N, found without reading the date's every row.
    /// </summary>
    private static string TopOf(string date, bool category)
    {
        var (limit, slug) = date == "d.snapshot_date" ? ("$2", "$3") : ("$3", "$4");
        return category
            ? $"SELECT s.game_id, (s.rank_by_category ->> {slug})::int AS rank, s.bayes_rating FROM game_snapshots s " +
              $"WHERE s.snapshot_date = {date} AND (s.rank_by_category ->> {slug})::int <= {limit} ORDER BY s.rank_overall LIMIT {limit}"
            : $"SELECT s.game_id, s.rank_overall AS rank, s.bayes_rating FROM game_snapshots s " +
              $"WHERE s.snapshot_date = {date} AND s.rank_overall <= {limit} ORDER BY s.rank_overall LIMIT {limit}";
    }

    private sealed record RankingRow(DateOnly Date, int? Rank, string? Slug, double? Bayes);

    /// <summary>
    /// Runs the ranking query, after checking in the same round trip that the category exists (known =
    /// false when not), on the read replica when there is one.
    /// </summary>
    private static Task<(bool Known, List<RankingRow> Rows)> RunAsync(
        ReadSource reads, string? category, string sql, object[] values, CancellationToken ct) =>
        reads.ReadAsync((dataSource, token) => RunAsync(dataSource, category, sql, values, token), ct);

    private static async Task<(bool Known, List<RankingRow> Rows)> RunAsync(
        NpgsqlDataSource dataSource, string? category, string sql, object[] values, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var check = new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM categories WHERE slug = $1)");
        check.Parameters.Add(new NpgsqlParameter { Value = category ?? "" });
        batch.BatchCommands.Add(check);
        var query = new NpgsqlBatchCommand(sql);
        foreach (var value in values) query.Parameters.Add(new NpgsqlParameter { Value = value });
        if (category is not null) query.Parameters.Add(new NpgsqlParameter { Value = category });
        batch.BatchCommands.Add(query);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var exists = reader.GetBoolean(0);
        await reader.NextResultAsync(ct);
        var rows = new List<RankingRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new RankingRow(reader.GetFieldValue<DateOnly>(0), reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : (double)reader.GetDecimal(3)));
        }
        return (category is null || exists, rows);
    }

    /// <summary><c>overall</c> (the default) or a category slug; null for overall.</summary>
    private static string? Scope(string? scope, List<FieldError> errors)
    {
        if (scope is null or "overall") return null;
        var slugs = FilterRules.Slugs("scope", [scope], []);
        if (slugs.Count == 1) return slugs[0];
        errors.Add(new("scope", "scope must be 'overall' or a category slug (lowercase letters, digits and single hyphens).", "invalid_format"));
        return null;
    }

    private static ProblemHttpResult UnknownCategory(string slug) =>
        StatisticsRules.Unknown([new("scope", $"No category is named '{slug}'.", "unknown_slug")]);

    private static Dictionary<string, Link> Self(HttpRequest request) => new()
    {
        ["self"] = new($"{request.PathBase}{request.Path}{request.QueryString}"),
    };
}

/// <summary>
/// The transitions of a top N over the points of a window (its first snapshot, then each year's last),
/// from each point's top N (a game absent from a point's top N was out of it then). Against the first
/// point (<c>from</c>) and the last (<c>to</c>): <b>entered</b> = out at from, in at to (entered_date and
/// entered_rank: the first point of its last unbroken stay); <b>exited</b> = in at from, out at to
/// (exited_date and exited_rank: the last point it was in; peak_rank: its best rank at any point);
/// <b>stable</b> = in at both, whatever happened between.
/// </summary>
internal static class RankingTransitions
{
    public sealed record Result(
        DateOnly? From, DateOnly? To, List<EnteredGameResponse> Entered, List<ExitedGameResponse> Exited,
        List<IReadOnlyDictionary<string, object>> Stable);

    /// <param name="rows">(snapshot date, game slug, rank) for each game in a snapshot's top N, and (date, null, null) for a date with none.</param>
    public static Result Compute(IReadOnlyList<(DateOnly Date, string? Slug, int? Rank)> rows)
    {
        var dates = rows.Select(r => r.Date).Distinct().Order().ToList();
        if (dates.Count == 0) return new(null, null, [], [], []);
        var (from, to) = (dates[0], dates[^1]);
        var ranks = rows.Where(r => r.Slug is not null).GroupBy(r => r.Slug!)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Date, r => r.Rank!.Value));

        // The stable items' keys name the two snapshots by year, or by date when both fall in one year.
        var sameYear = from.Year == to.Year;
        var fromKey = "rank_" + (sameYear ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : from.Year.ToString(CultureInfo.InvariantCulture));
        var toKey = "rank_" + (sameYear ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : to.Year.ToString(CultureInfo.InvariantCulture));

        var entered = new List<EnteredGameResponse>();
        var exited = new List<ExitedGameResponse>();
        var stable = new List<(int Rank, string Slug, IReadOnlyDictionary<string, object> Item)>();
        foreach (var (slug, byDate) in ranks)
        {
            var (atFrom, atTo) = (byDate.GetValueOrDefault(from), byDate.GetValueOrDefault(to));
            if (atFrom == 0 && atTo != 0)
            {
                // The start of its last unbroken stay in the top N.
                var start = dates.Count - 1;
                while (start > 0 && byDate.ContainsKey(dates[start - 1])) start--;
                entered.Add(new(slug, byDate[dates[start]], dates[start], atTo));
            }
            else if (atFrom != 0 && atTo == 0)
            {
                var lastIn = dates.Last(byDate.ContainsKey);
                exited.Add(new(slug, byDate[lastIn], lastIn, byDate.Values.Min()));
            }
            else if (atFrom != 0)
            {
                stable.Add((atTo, slug, new Dictionary<string, object> { ["game_slug"] = slug, [fromKey] = atFrom, [toKey] = atTo }));
            }
        }
        return new(from, to,
            [.. entered.OrderBy(e => e.CurrentRank).ThenBy(e => e.GameSlug, StringComparer.Ordinal)],
            [.. exited.OrderBy(e => e.ExitedDate).ThenBy(e => e.ExitedRank).ThenBy(e => e.GameSlug, StringComparer.Ordinal)],
            [.. stable.OrderBy(s => s.Rank).ThenBy(s => s.Slug, StringComparer.Ordinal).Select(s => s.Item)]);
    }
}
