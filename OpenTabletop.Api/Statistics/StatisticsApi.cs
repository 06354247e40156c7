using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Data.ReadReplica;

namespace OpenTabletop.Api.Statistics;

/// <summary>
/// Cross-sectional trends (ADR-0036, docs trends.md): the active games matching the filters of
/// GET /v1/games, grouped by publication year or decade; and the ranking history from the snapshots
/// (<see cref="RankingsApi"/>).
/// </summary>
public static class StatisticsApi
{
    private static readonly string[] GroupBys = ["year", "decade"];
    private static readonly string[] WeightScopes = ["published", "top100", "all"];

    /// <summary>
    /// scope=top100: the current top 100 of the overall ranking (rank_overall 1-100, the Materializer's).
    /// Found by walking the facets' rating index: ranks are handed out in bayes_rating order, so the
    /// walk meets the ranked games first and stops at the hundredth (a few milliseconds, where a scan
    /// of games for rank_overall costs a read of the whole table).
    /// </summary>
    private const string TopHundred =
        "g.id IN (SELECT x.id FROM (SELECT f.id, (SELECT w.rank_overall FROM games w WHERE w.id = f.id) AS rank FROM game_facets f " +
        "WHERE f.status = 'active' ORDER BY f.bayes_rating DESC NULLS LAST, f.rating_count DESC, f.id DESC) x WHERE x.rank <= 100 LIMIT 100)";

    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/statistics").WithTags("Statistics");
        group.MapGet("/trends/publications", GetPublicationTrends)
            .WithName("getPublicationTrends").WithSummary("Games published per year or decade, with their averages")
            .Describes("group_by", "Period of each point: the publication year, or the decade's first year.", GroupBys, "year")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/trends/mechanics", GetMechanicTrends)
            .WithName("getMechanicTrends").WithSummary("Mechanic adoption per year or decade")
            .Describes("group_by", "Period of each point: the publication year, or the decade's first year.", GroupBys, "year")
            .Describes("limit", "How many mechanics to follow: those most matching games have.", range: (1, 100, 10))
            .Describes("parent", "Follow the children of this mechanic (the mechanics that list it in their lineage).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/trends/weight", GetWeightTrends)
            .WithName("getWeightTrends").WithSummary("Weight distribution per year or decade")
            .Describes("group_by", "Period of each point: the publication year, or the decade's first year.", GroupBys, "year")
            .Describes("scope", "published: the games of each period; top100: the current top 100 of the overall ranking; all: one point over every matching game.", WeightScopes, "published")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/trends/player-count", GetPlayerCountTrends)
            .WithName("getPlayerCountTrends").WithSummary("Player count support per year or decade")
            .Describes("group_by", "Period of each point: the publication year, or the decade's first year.", GroupBys, "year")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapRankings();
        return group;
    }

    internal static async Task<Results<Ok<TrendsResponse<TrendDataPointResponse>>, ProblemHttpResult>> GetPublicationTrends(
        [AsParameters] TrendFilterParameters query, [FromQuery(Name = "group_by")] string? groupBy,
        HttpRequest request, ReadSource reads, CatalogueCount catalogue, CancellationToken ct)
    {
        var (trend, problem) = await PrepareAsync(query, groupBy, [], reads, ct);
        if (trend is null) return problem!;
        var rows = await TrendQueries.AggregateAsync(reads, trend.Sql, trend.GroupBy, overall: false, percentiles: true, supports: false, ct);
        var data = rows.Where(r => r.Period is not null).Select(r => new TrendDataPointResponse(r.Period!.Value, r.GameCount, r.AvgRating,
            r.AvgWeight, r.MedianWeight, r.WeightP25, r.WeightP75, r.AvgMinPlayers, r.AvgMaxPlayers, r.SoloSupportPct, r.AvgPlaytimeMinutes)).ToList();
        return TypedResults.Ok(new TrendsResponse<TrendDataPointResponse>(data, await MetaAsync(trend, rows, false, catalogue, ct), Self(request)));
    }

    internal static async Task<Results<Ok<TrendsResponse<WeightTrendDataPointResponse>>, ProblemHttpResult>> GetWeightTrends(
        [AsParameters] TrendFilterParameters query, [FromQuery(Name = "group_by")] string? groupBy, [FromQuery(Name = "scope")] string? scope,
        HttpRequest request, ReadSource reads, CatalogueCount catalogue, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var chosen = StatisticsRules.OneOf("scope", scope, WeightScopes, errors) ?? "published";
        var (trend, problem) = await PrepareAsync(query, groupBy, errors, reads, ct);
        if (trend is null) return problem!;
        if (chosen == "top100") trend.Sql.AddSql(TopHundred);
        var rows = await TrendQueries.AggregateAsync(reads, trend.Sql, trend.GroupBy, overall: chosen == "all", percentiles: true, supports: false, ct);
        var data = rows.Where(r => r.Period is not null)
            .Select(r => new WeightTrendDataPointResponse(r.Period!.Value, r.GameCount, r.AvgWeight, r.MedianWeight, r.WeightP25, r.WeightP75)).ToList();
        var meta = await MetaAsync(trend, rows, chosen == "all", catalogue, ct);
        return TypedResults.Ok(new TrendsResponse<WeightTrendDataPointResponse>(data, meta with { Scope = chosen }, Self(request)));
    }

    internal static async Task<Results<Ok<TrendsResponse<PlayerCountTrendDataPointResponse>>, ProblemHttpResult>> GetPlayerCountTrends(
        [AsParameters] TrendFilterParameters query, [FromQuery(Name = "group_by")] string? groupBy,
        HttpRequest request, ReadSource reads, CatalogueCount catalogue, CancellationToken ct)
    {
        var (trend, problem) = await PrepareAsync(query, groupBy, [], reads, ct);
        if (trend is null) return problem!;
        var rows = await TrendQueries.AggregateAsync(reads, trend.Sql, trend.GroupBy, overall: false, percentiles: false, supports: true, ct);
        var data = rows.Where(r => r.Period is not null).Select(r => new PlayerCountTrendDataPointResponse(
            r.Period!.Value, r.GameCount, r.AvgMinPlayers, r.AvgMaxPlayers, r.SoloSupportPct, r.SupportedPct)).ToList();
        return TypedResults.Ok(new TrendsResponse<PlayerCountTrendDataPointResponse>(data, await MetaAsync(trend, rows, false, catalogue, ct), Self(request)));
    }

    internal static async Task<Results<Ok<TrendsResponse<MechanicTrendDataPointResponse>>, ProblemHttpResult>> GetMechanicTrends(
        [AsParameters] TrendFilterParameters query, [FromQuery(Name = "group_by")] string? groupBy,
        [FromQuery(Name = "limit")] string? limit, [FromQuery(Name = "parent")] string? parent,
        HttpRequest request, ReadSource reads, CatalogueCount catalogue, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var top = StatisticsRules.Whole("limit", limit, 1, 100, errors) ?? 10;
        var parentSlug = parent is null ? null : FilterRules.Slugs("parent", [parent], errors).FirstOrDefault();
        var (trend, problem) = await PrepareAsync(query, groupBy, errors, reads, ct, parentSlug);
        if (trend is null) return problem!;

        var rows = await TrendQueries.MechanicsAsync(reads, trend.Sql, trend.GroupBy, top, trend.Parent, ct);
        var data = rows.Where(r => r.Period is not null).Select(r => new MechanicTrendDataPointResponse(r.Period!.Value, r.Mechanic!, r.GameCount,
            r.PeriodGames == 0 ? null : (double)Math.Round(100m * r.GameCount / r.PeriodGames, 1, MidpointRounding.AwayFromZero))).ToList();
        var totals = rows[0];
        var meta = new TrendMeta(trend.GroupBy,
            new FilterSummary(FilterSummaryText.Describe(trend.Filters), totals.PeriodGames, await catalogue.ActiveGamesAsync(ct)), totals.GameCount,
            Limit: top, Parent: parentSlug, Mechanics: [.. data.Select(p => p.Mechanic).Distinct()]);
        return TypedResults.Ok(new TrendsResponse<MechanicTrendDataPointResponse>(data, meta, Self(request)));
    }

    /// <summary>A valid trend request: its filters, their SQL (names resolved) and the grouping.</summary>
    private sealed record Trend(GameFilters Filters, GameFilterSql Sql, string GroupBy, Guid? Parent);

    /// <summary>
    /// Validates the filters as GET /v1/games does (400 listing every bad field, the endpoint's own
    /// <paramref name="errors"/> among them), then resolves the names they use, and the mechanics'
    /// <paramref name="parent"/> when given, in one round trip (422 for those that match nothing).
    /// </summary>
    private static async Task<(Trend? Trend, ProblemHttpResult? Problem)> PrepareAsync(
        TrendFilterParameters query, string? groupBy, List<FieldError> errors, ReadSource reads, CancellationToken ct, string? parent = null)
    {
        var filters = QueryFilters.Parse(query.ToListParameters(), errors);
        var grouping = StatisticsRules.OneOf("group_by", groupBy, GroupBys, errors) ?? "year";
        if (errors.Count > 0) return (null, StatisticsRules.BadRequest(errors));

        var (references, unknown, parentId) = await reads.ReadAsync(async (dataSource, token) =>
        {
            var (references, unknown) = await FilterReferenceResolver.ResolveAsync(dataSource, filters, field => field, token);
            Guid? parentId = null;
            if (parent is not null)
            {
                await using var command = dataSource.CreateCommand("SELECT id FROM mechanics WHERE slug = $1");
                command.Parameters.Add(new NpgsqlParameter { Value = parent });
                parentId = await command.ExecuteScalarAsync(token) as Guid?;
                if (parentId is null) unknown.Add(new("parent", $"No mechanic is named '{parent}'.", "unknown_slug"));
            }
            return (references, unknown, parentId);
        }, ct);
        if (unknown.Count > 0) return (null, StatisticsRules.Unknown(unknown));
        return (new Trend(filters, GameFilterSql.For(filters, references), grouping, parentId), null);
    }

    /// <summary>The meta of an aggregate trend; <paramref name="overall"/>: one row over every matching game (weight's scope=all).</summary>
    private static async Task<TrendMeta> MetaAsync(Trend trend, List<TrendRow> rows, bool overall, CatalogueCount catalogue, CancellationToken ct)
    {
        // Grouped, the games without a year are the row of the null period; overall, they are inside the one row.
        var withoutYear = rows.Sum(r => r.WithoutYear);
        var matching = overall ? rows.Sum(r => r.GameCount) : rows.Where(r => r.Period is not null).Sum(r => r.GameCount) + withoutYear;
        return new TrendMeta(trend.GroupBy,
            new FilterSummary(FilterSummaryText.Describe(trend.Filters), matching, await catalogue.ActiveGamesAsync(ct)), withoutYear);
    }

    private static Dictionary<string, Link> Self(HttpRequest request) => new()
    {
        ["self"] = new($"{request.PathBase}{request.Path}{request.QueryString}"),
    };
}
