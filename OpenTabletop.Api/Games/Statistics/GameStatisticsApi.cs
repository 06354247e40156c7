using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Statistics;
using OpenTabletop.Data;
using OpenTabletop.Data.ReadReplica;
using OpenTabletop.Data.Statistics;

namespace OpenTabletop.Api.Games.Statistics;

/// <summary>
/// A game's statistics (docs data-structures.md, trends.md, ADR-0041): its rating histogram, weight
/// votes, community playtime, polls and snapshot history. Each answers 404 for an unknown game and 410
/// for a retired identifier, as every game sub-resource; parameters are checked first (400).
/// </summary>
internal static class GameStatisticsApi
{
    /// <summary>
    /// Play logs that count (<see cref="PlayLogRules.Counted"/>), the Materializer's rule for
    /// community_playtime_*, so this endpoint's median, p10 and p90 are the game's community playtime
    /// fields recomputed from the raw logs.
    /// </summary>
    internal const string CountedPlay = PlayLogRules.Counted;

    private static readonly string[] Metrics = ["rating", "confidence", "weight", "rank", "plays"];
    private static readonly string[] Granularities = ["monthly", "yearly"];

    /// <summary>The half-point buckets of /weight-votes, all of them always present.</summary>
    private static readonly decimal[] WeightBuckets = [.. Enumerable.Range(2, 9).Select(i => i / 2m)];

    public static RouteGroupBuilder MapGameStatistics(this RouteGroupBuilder games)
    {
        games.MapGet("/{id}/rating-distribution", GetRatingDistribution)
            .WithName("getGameRatingDistribution").WithSummary("Get a game's rating histogram and confidence").WithTags("Games", "Statistics")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        games.MapGet("/{id}/weight-votes", GetWeightVotes)
            .WithName("getGameWeightVotes").WithSummary("Get a game's weight vote distribution").WithTags("Games", "Statistics")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        games.MapGet("/{id}/community-playtime", GetCommunityPlaytime)
            .WithName("getGameCommunityPlaytime").WithSummary("Get community-reported play time statistics").WithTags("Games", "Statistics")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        games.MapGet("/{id}/polls", GetPolls)
            .WithName("getGamePolls").WithSummary("Get a game's community polls").WithTags("Games", "Statistics")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        games.MapGet("/{id}/history", GetHistory)
            .WithName("getGameHistory").WithSummary("Get a game's metric history from its snapshots").WithTags("Games", "Statistics")
            .Describes("metric", "The snapshot fields of each point.", Metrics, "rating")
            .Describes("granularity", "One point per calendar month or year: the period's last snapshot.", Granularities, "monthly")
            .Describes("from", "First snapshot date included.", format: "date")
            .Describes("to", "Last snapshot date included.", format: "date")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        return games;
    }

    internal static async Task<Results<Ok<RatingDistributionResponse>, ProblemHttpResult>> GetRatingDistribution(
        string id, NpgsqlDataSource dataSource, OpenTabletopDbContext db, CancellationToken ct)
    {
        const string sql = "SELECT average_rating, rating_count, rating_distribution, rating_stddev, rating_confidence FROM games WHERE id = {game}";
        var (game, row) = await GameStatisticsQuery.RunAsync(dataSource, id, sql, [], async (reader, token) =>
        {
            await reader.ReadAsync(token);
            return (Average: Number(reader, 0), Count: reader.GetInt32(1),
                Distribution: reader.IsDBNull(2) ? null : reader.GetFieldValue<int[]>(2), Stddev: Number(reader, 3), Confidence: Number(reader, 4));
        }, ct);
        if (game is null) return await GameSubresources.MissingAsync(db, id, ct);
        return TypedResults.Ok(new RatingDistributionResponse(
            game.Id, row.Average, row.Count, row.Distribution, row.Stddev, row.Confidence, Links(game, "rating-distribution", "")));
    }

    internal static async Task<Results<Ok<WeightVotesResponse>, ProblemHttpResult>> GetWeightVotes(
        string id, NpgsqlDataSource dataSource, OpenTabletopDbContext db, CancellationToken ct)
    {
        // Each vote (1-5, up to three decimals from the detailed survey) counts in the nearest half point,
        // halves up (3.25 → "3.5", 3.75 → "4.0"); the mean is of the votes themselves, as Game.weight.
        const string sql = """
            SELECT GROUPING(bucket) = 1 AS total, bucket, count(*)::int, round(avg(weight), 3)
              FROM (SELECT round(weight * 2) / 2 AS bucket, weight FROM weight_votes WHERE game_id = {game}) v
             GROUP BY GROUPING SETS ((bucket), ())
            """;
        var (game, result) = await GameStatisticsQuery.RunAsync(dataSource, id, sql, [], async (reader, token) =>
        {
            var buckets = WeightBuckets.ToDictionary(Key, _ => 0);
            var (total, average) = (0, (double?)null);
            while (await reader.ReadAsync(token))
            {
                if (reader.GetBoolean(0)) (total, average) = (reader.GetInt32(2), Number(reader, 3));
                else buckets[Key(reader.GetDecimal(1))] = reader.GetInt32(2);
            }
            return (Buckets: buckets, Total: total, Average: average);
        }, ct);
        if (game is null) return await GameSubresources.MissingAsync(db, id, ct);
        return TypedResults.Ok(new WeightVotesResponse(game.Id, result.Buckets, result.Total, result.Average, Links(game, "weight-votes", "")));

        static string Key(decimal bucket) => bucket.ToString("0.0", CultureInfo.InvariantCulture);
    }

    internal static async Task<Results<Ok<CommunityPlaytimeResponse>, ProblemHttpResult>> GetCommunityPlaytime(
        string id, NpgsqlDataSource dataSource, OpenTabletopDbContext db, CancellationToken ct)
    {
        // The first row is every counted play; then one row per reported player count. Percentiles are
        // percentile_cont (linear between neighbours), rounded to whole minutes half to even, as the
        // Materializer rounds the game's community playtime.
        const string sql = $"""
            WITH counted AS (SELECT duration_minutes AS d, player_count FROM play_logs WHERE game_id = {"{game}"} AND {CountedPlay})
            SELECT NULL::int, count(*)::int, min(d), max(d), percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY d)
              FROM counted
            UNION ALL
            (SELECT player_count, count(*)::int, min(d), max(d), ARRAY[percentile_cont(0.5) WITHIN GROUP (ORDER BY d)]
               FROM counted WHERE player_count IS NOT NULL GROUP BY player_count ORDER BY player_count)
            """;
        var (game, result) = await GameStatisticsQuery.RunAsync(dataSource, id, sql, [], async (reader, token) =>
        {
            await reader.ReadAsync(token);
            var plays = reader.GetInt32(1);
            var p = plays == 0 ? null : reader.GetFieldValue<double[]>(4).Select(Minutes).ToArray();
            int? Int(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            var all = (Plays: plays, Min: Int(2), Max: Int(3), P: p);
            var byCount = new Dictionary<string, PlayerCountPlaytimeResponse>();
            while (await reader.ReadAsync(token))
            {
                byCount[reader.GetInt32(0).ToString(CultureInfo.InvariantCulture)] =
                    new(Minutes(reader.GetFieldValue<double[]>(4)[0]), reader.GetInt32(1));
            }
            return (All: all, ByCount: byCount);
        }, ct);
        if (game is null) return await GameSubresources.MissingAsync(db, id, ct);
        var (count, min, max, percentiles) = result.All;
        return TypedResults.Ok(new CommunityPlaytimeResponse(game.Id, count, min, max,
            percentiles?[2], percentiles?[0], percentiles?[1], percentiles?[3], percentiles?[4], result.ByCount, Links(game, "community-playtime", "")));

        static int Minutes(double value) => (int)Math.Round(value, MidpointRounding.ToEven);
    }

    internal static async Task<Results<Ok<GamePollsBodyResponse>, ProblemHttpResult>> GetPolls(
        string id, NpgsqlDataSource dataSource, OpenTabletopDbContext db, GameIncludeLoader includes, CancellationToken ct)
    {
        var game = await dataSource.FindResponseAsync(id, ct);
        if (game is null) return await GameSubresources.MissingAsync(db, id, ct);
        // Exactly what include=polls embeds: one loader, so the two can never disagree.
        var polls = (await includes.ApplyAsync(game, GameIncludes.Parse("polls"), ct)).Polls!;
        return TypedResults.Ok(new GamePollsBodyResponse(game.Id, polls.PlayerCountRatings, polls.PlayerCount, polls.CommunityAge,
            polls.LanguageDependence, Links(new(game.Id, game.Slug, game.Name), "polls", "")));
    }

    internal static async Task<Results<Ok<GameHistoryResponse>, ProblemHttpResult>> GetHistory(
        string id,
        [FromQuery(Name = "metric")] string? metric,
        [FromQuery(Name = "granularity")] string? granularity,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        HttpRequest request, ReadSource reads, OpenTabletopDbContext db, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        metric = StatisticsRules.OneOf("metric", metric, Metrics, errors) ?? (metric is null ? "rating" : null);
        granularity = StatisticsRules.OneOf("granularity", granularity, Granularities, errors) ?? (granularity is null ? "monthly" : null);
        var since = StatisticsRules.Date("from", from, errors);
        var until = StatisticsRules.Date("to", to, errors);
        StatisticsRules.Ordered("from", since, "to", until, errors);
        if (errors.Count > 0) return StatisticsRules.BadRequest(errors);

        // One point per calendar month or year: its last snapshot (the period's closing values). Plays are
        // per snapshot period, not cumulative, so a point's plays are the sum over the period's snapshots.
        var unit = granularity == "yearly" ? "year" : "month";
        var sql = $"""
            SELECT snapshot_date, average_rating, rating_count, rating_confidence, weight, weight_votes,
                   rank_overall, rank_by_category::text, bayes_rating, plays
              FROM (SELECT s.*, (sum(s.play_count_period) OVER period)::int AS plays, row_number() OVER (period ORDER BY s.snapshot_date DESC) AS n
                      FROM game_snapshots s
                     WHERE s.game_id = {"{game}"} AND s.snapshot_date BETWEEN $2 AND $3
                    WINDOW period AS (PARTITION BY date_trunc('{unit}', s.snapshot_date))) x
             WHERE n = 1
             ORDER BY snapshot_date
            """;
        // Snapshots only grow and are read in bulk: the read replica's (when there is one) may lag a little.
        var (game, points) = await reads.ReadAsync((dataSource, token) => GameStatisticsQuery.RunAsync(dataSource, id, sql,
            [since ?? DateOnly.MinValue, until ?? DateOnly.MaxValue], async (reader, readToken) =>
            {
                var list = new List<object>();
                while (await reader.ReadAsync(readToken)) list.Add(Point(metric!, reader));
                return list;
            }, token), ct);
        if (game is null) return await GameSubresources.MissingAsync(db, id, ct);
        return TypedResults.Ok(new GameHistoryResponse(game, metric!, granularity!, points!, Links(game, "history", request.QueryString.Value)));
    }

    private static object Point(string metric, NpgsqlDataReader row)
    {
        var date = row.GetFieldValue<DateOnly>(0);
        int? Int(int i) => row.IsDBNull(i) ? null : row.GetInt32(i);
        return metric switch
        {
            "rating" => new RatingHistoryPoint(date, Number(row, 1), Int(2)),
            "confidence" => new ConfidenceHistoryPoint(date, Number(row, 3), Int(2)),
            "weight" => new WeightHistoryPoint(date, Number(row, 4), Int(5)),
            "rank" => new RankHistoryPoint(date, Int(6),
                row.IsDBNull(7) ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(row.GetString(7)), Number(row, 8)),
            _ => new PlaysHistoryPoint(date, Int(9)),
        };
    }

    private static double? Number(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : (double)row.GetDecimal(ordinal);

    private static Dictionary<string, Link> Links(GameSummaryResponse game, string resource, string? query) => new()
    {
        ["self"] = new($"{GameLinks.Root}/games/{game.Slug}/{resource}{query}"),
        ["game"] = new($"{GameLinks.Root}/games/{game.Slug}", game.Name),
    };
}
